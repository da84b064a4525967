<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CampaignMenu</name>
    <message>
        <location filename="../../ui/campaign/__init__.py" line="19" />
        <source>&amp;Campaign</source>
        <translation>名录(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/__init__.py" line="36" />
        <source>Agency &amp;register…</source>
        <translation>机关名录(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/__init__.py" line="37" />
        <source>&amp;Who has published…</source>
        <translation>发布情况(&amp;W)…</translation>
    </message>
</context>
<context>
    <name>CompletenessView</name>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="34" />
        <source>Missing</source>
        <translation>未发布</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="35" />
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="36" />
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="37" />
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="38" />
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="65" />
        <source>Agency</source>
        <translation>机关</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="66" />
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="67" />
        <source>Parent</source>
        <translation>上级</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="76" />
        <source> (not in the register)</source>
        <translation>（不在名录）</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="85" />
        <source> · {0} open</source>
        <translation> · {0} 个问题未决</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="103" />
        <source>Who has published</source>
        <translation>发布情况</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="106" />
        <source>Region or agency name</source>
        <translation>地区或机关名称</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="108" />
        <source>All levels</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="112" />
        <source>Any state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="119" />
        <source>&amp;Export to Excel…</source>
        <translation>导出到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="122" />
        <source>Region:</source>
        <translation>地区：</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="122" />
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="148" />
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="162" />
        <source>Not written: {0}</source>
        <translation>未写入：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="164" />
        <source>Written: {0}</source>
        <translation>已写入：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="168" />
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/completeness_view.py" line="169" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>RegisterWindow</name>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="40" />
        <source>Agency register</source>
        <translation>机关名录</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="45" />
        <source>Search agencies, regions, towns…</source>
        <translation>搜索机关、地区、乡镇…</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="49" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="49" />
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="49" />
        <location filename="../../ui/campaign/register_window.py" line="86" />
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="49" />
        <location filename="../../ui/campaign/register_window.py" line="86" />
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="49" />
        <source>Parent</source>
        <translation>上级</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="50" />
        <source>Code</source>
        <translation>区划代码</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="50" />
        <source>Deadline</source>
        <translation>公布期限</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="50" />
        <source>Sums its units</source>
        <translation>汇总下级</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="56" />
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="56" />
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="57" />
        <source>&amp;Add…</source>
        <translation>新增(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="57" />
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="69" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="69" />
        <source>Agency as printed</source>
        <translation>报告所印机关</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="69" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="69" />
        <source>Match to</source>
        <translation>匹配到</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="73" />
        <source>&amp;Match to the chosen agency</source>
        <translation>匹配到所选机关(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="75" />
        <source>Has &amp;no agency in the register</source>
        <translation>名录中无此机关(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="86" />
        <source>Deadline (month-day)</source>
        <translation>公布期限（月-日）</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="89" />
        <source>Agencies</source>
        <translation>机关</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="90" />
        <source>Unmatched reports</source>
        <translation>未匹配的报告</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="91" />
        <source>Deadlines</source>
        <translation>公布期限</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="110" />
        <source>Any level</source>
        <translation>任一层级</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="124" />
        <source>Saved; reports re-checked.</source>
        <translation>已保存，报告已重新检查。</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="144" />
        <source>{0} of {1} agencies</source>
        <translation>显示 {0} / 共 {1} 个机关</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="160" />
        <source>Unmatched reports ({0})</source>
        <translation>未匹配的报告（{0}）</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="169" />
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="196" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="204" />
        <source>{0} added, {1} updated; {2} warnings</source>
        <translation>新增 {0} 个，更新 {1} 个；提示 {2} 条</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="210" />
        <source>Import an agency register</source>
        <translation>导入机关名录</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="211" />
        <source>Registers (*.xlsx *.csv)</source>
        <translation>机关名录 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="216" />
        <source>Export the agency register</source>
        <translation>导出机关名录</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="217" />
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="219" />
        <source>Written: {0}</source>
        <translation>已写入：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="226" />
        <location filename="../../ui/campaign/register_window.py" line="229" />
        <source>Add an agency</source>
        <translation>新增机关</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="226" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="229" />
        <source>Level:</source>
        <translation>层级：</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="236" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="236" />
        <source>Delete {0} agencies?</source>
        <translation>删除 {0} 个机关？</translation>
    </message>
    <message>
        <location filename="../../ui/campaign/register_window.py" line="189" />
        <location filename="../../ui/campaign/register_window.py" line="255" />
        <source>No such agency in the register.</source>
        <translation>名录中没有这个机关。</translation>
    </message>
</context>
</TS>