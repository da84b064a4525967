<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>DecideActions</name>
    <message>
        <location filename="../../ui/decide_actions.py" line="26" />
        <source>Pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="27" />
        <source>Report error</source>
        <translation>确认为报告错误</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="28" />
        <location filename="../../ui/decide_actions.py" line="137" />
        <source>Reading error</source>
        <translation>识别错误</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="29" />
        <location filename="../../ui/decide_actions.py" line="122" />
        <source>Not a problem</source>
        <translation>不是问题</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="35" />
        <source>Open</source>
        <translation>待定数</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="55" />
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="62" />
        <source>&amp;Decide</source>
        <translation>决定(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="64" />
        <source>Confirm as a &amp;report error</source>
        <translation>确认为报告错误(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="65" />
        <source>Reading &amp;error: correct the cell</source>
        <translation>识别错误：更正该格(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="66" />
        <source>&amp;Not a problem…</source>
        <translation>不是问题…(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="67" />
        <source>Back to &amp;pending</source>
        <translation>恢复待定(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="77" />
        <source>Write the &amp;problem lists…</source>
        <translation>生成问题清单…(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="123" />
        <source>Why is this not a problem?</source>
        <translation>为什么不是问题？请说明理由：</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="139" />
        <source>Which cell was misread?</source>
        <translation>哪一格识别错了？</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="145" />
        <source>Its value as printed:</source>
        <translation>该格印的数值：</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="151" />
        <source>Not a valid value: {0}</source>
        <translation>不是有效数值：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="160" />
        <source>Select a finding first</source>
        <translation>请先选择问题</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="178" />
        <source>Not decided: {0}</source>
        <translation>未能决定：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="183" />
        <source>{0} finding(s): {1}; {2} still pending</source>
        <translation>{0} 项问题：{1}；仍有 {2} 项待定</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="193" />
        <source>Folder for the problem lists</source>
        <translation>问题清单保存到文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="203" />
        <source>Writing the problem lists…</source>
        <translation>正在生成问题清单…</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="215" />
        <source>{0} problem list(s) and the workbook written to {1}</source>
        <translation>已生成 {0} 份机关问题清单及汇总表：{1}</translation>
    </message>
    <message>
        <location filename="../../ui/decide_actions.py" line="220" />
        <source>Problem lists not written</source>
        <translation>问题清单未能生成</translation>
    </message>
</context>
</TS>