<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PasteImporter</name>
    <message>
        <location filename="../../ui/paste.py" line="34"/>
        <source>Open a review file before pasting a report</source>
        <translation>请先打开审核文件，再粘贴报告</translation>
    </message>
    <message>
        <location filename="../../ui/paste.py" line="44"/>
        <source>The clipboard holds no report text</source>
        <translation>剪贴板中没有报告文本</translation>
    </message>
    <message>
        <location filename="../../ui/paste.py" line="49"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../ui/paste.py" line="51"/>
        <source>Importing the pasted report (%1)</source>
        <translation>正在导入粘贴的报告（%1）</translation>
    </message>
</context>
</TS>
