<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/compare_actions.py" line="9"/>
        <source>&amp;Compare with last year…</source>
        <translation>与上年对比(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/compare_actions.py" line="10"/>
        <source>Review &amp;summary (charts)…</source>
        <translation>审核概况图表(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../ui/charts.py" line="81"/>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>CompareColumns</name>
    <message>
        <location filename="../../ui/compare_columns.py" line="21"/>
        <source>Repeat rate</source>
        <translation>重复率</translation>
    </message>
    <message>
        <location filename="../../ui/compare_columns.py" line="22"/>
        <source>Share of the prose repeated from last year&apos;s report</source>
        <translation>正文与上年报告重复的比例</translation>
    </message>
    <message>
        <location filename="../../ui/compare_columns.py" line="23"/>
        <source> — too few cases to compare</source>
        <translation> — 样本不足，仅供参考</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../ui/compare_view.py" line="47"/>
        <source>Compare with last year</source>
        <translation>与上年对比</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="52"/>
        <source>Compare with another report of this agency</source>
        <translation>与本机关的另一份报告对比</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="95"/>
        <source>Last year</source>
        <translation>上年</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="97"/>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="98"/>
        <source>Prose</source>
        <translation>正文</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="103"/>
        <source>No warnings from the comparison</source>
        <translation>对比未发现需提示的问题</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="136"/>
        <source>(no report chosen)</source>
        <translation>（未选择报告）</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="150"/>
        <source>This year: {0}</source>
        <translation>本年：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="150"/>
        <source>Last year: {0}</source>
        <translation>上年：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="152"/>
        <source>Repeat rate: {0}</source>
        <translation>正文重复率：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="154"/>
        <source>No report of the year before is imported</source>
        <translation>未导入上年报告</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="158"/>
        <source> (few cases)</source>
        <translation>（样本不足）</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="85"/>
        <source>last</source>
        <translation>上年</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="85"/>
        <source>This year {0}, last year {1}</source>
        <translation>本年 {0}，上年 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="86"/>
        <source>Last year&apos;s report gives {0} ({1})</source>
        <translation>按上年报告应为 {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/compare_view.py" line="214"/>
        <source>repeated</source>
        <translation>重复</translation>
    </message>
</context>
<context>
    <name>PieChart</name>
    <message>
        <location filename="../../ui/charts.py" line="194"/>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <location filename="../../ui/summary_view.py" line="31"/>
        <source>Review summary</source>
        <translation>审核概况</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="41"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="41"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="41"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="41"/>
        <source>Why, against what</source>
        <translation>原因与比较对象</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="58"/>
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="59"/>
        <source>Indicators by group</source>
        <translation>分组指标</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="73"/>
        <source>new</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="73"/>
        <source>in review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="73"/>
        <source>approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="74"/>
        <source>Reports by status</source>
        <translation>报告审核状态</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="78"/>
        <source>Open findings by rule</source>
        <translation>未处理的问题（按规则）</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="79"/>
        <source>errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="80"/>
        <source>warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="83"/>
        <source>requests received</source>
        <translation>新收申请</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="84"/>
        <source>Requests and outcomes by group</source>
        <translation>申请与办理结果（按分组）</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="90"/>
        <source>Indicators across the batch (quartiles)</source>
        <translation>指标分布（四分位）</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="91"/>
        <source>lower quartile</source>
        <translation>下四分位</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="91"/>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="92"/>
        <source>upper quartile</source>
        <translation>上四分位</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="94"/>
        <source>Indicators count reports with a base of at least 30 cases: {0}</source>
        <translation>指标只计基数不少于 30 件的报告：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="105"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="105"/>
        <source>Reports</source>
        <translation>报告数</translation>
    </message>
    <message>
        <location filename="../../ui/summary_view.py" line="112"/>
        <source> (few cases)</source>
        <translation>（样本不足）</translation>
    </message>
</context>
</TS>
