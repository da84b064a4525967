<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SourceHtml</name>
    <message>
        <location filename="../../ui/source_html.py" line="136"/>
        <source>Report files ({0})</source>
        <translation>报告文件（{0}）</translation>
    </message>
</context>
<context>
    <name>SourceHtmlView</name>
    <message>
        <location filename="../../ui/source_html.py" line="52"/>
        <source>Cannot show the source: {0}</source>
        <translation>无法显示原文：{0}</translation>
    </message>
</context>
</TS>
