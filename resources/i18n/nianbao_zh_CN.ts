<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../ui/about.py" line="21"/>
        <source>Nianbao</source>
        <translation>年报审核工作台</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="22"/>
        <source>Review the statistical tables of government information-disclosure annual reports.</source>
        <translation>审核政府信息公开工作年度报告中的统计表格。</translation>
    </message>
    <message>
        <location filename="../../ui/about.py" line="23"/>
        <source>OCR engine</source>
        <translation>OCR 引擎</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../ui/actions.py" line="27"/>
        <source>&amp;Open review file…</source>
        <translation>打开审核文件(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="28"/>
        <source>&amp;New review file…</source>
        <translation>新建审核文件(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="29"/>
        <source>&amp;Import PDF files…</source>
        <translation>导入 PDF 文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="30"/>
        <source>Import a &amp;folder…</source>
        <translation>导入文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="31"/>
        <source>&amp;Export this report to Excel…</source>
        <translation>将本报告导出为 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="32"/>
        <source>Export the &amp;whole review to Excel…</source>
        <translation>将整个审核导出为 Excel(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="33"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="34"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="35"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="36"/>
        <source>&amp;Accept the suggestion for this cell</source>
        <translation>采纳此单元格的修改建议(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="37"/>
        <source>&amp;Confirm as printed</source>
        <translation>确认为原印数值(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="38"/>
        <source>Correct with a &amp;reason…</source>
        <translation>带理由更正(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="39"/>
        <source>Agency and &amp;year…</source>
        <translation>机关和年度(&amp;Y)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="40"/>
        <source>Read the report &amp;again</source>
        <translation>重新读取报告(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="41"/>
        <source>Read again, every page by &amp;OCR</source>
        <translation>重新读取，全部页面文字识别(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="42"/>
        <source>Read again, &amp;text layer only</source>
        <translation>重新读取，只用文字层(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="43"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="44"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="45"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="46"/>
        <source>&amp;Fit width</source>
        <translation>适合宽度(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="47"/>
        <source>Least &amp;certain cells first</source>
        <translation>把握最小的单元格优先(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="48"/>
        <source>&amp;Next problem</source>
        <translation>下一个问题(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="49"/>
        <source>&amp;Previous problem</source>
        <translation>上一个问题(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="50"/>
        <source>&amp;Approve and go to the next report</source>
        <translation>审核通过并转到下一份(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="51"/>
        <source>Mark as &amp;in review</source>
        <translation>标记为审核中(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="52"/>
        <source>&amp;Return to the agency</source>
        <translation>退回(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="53"/>
        <source>Mark as &amp;doubtful</source>
        <translation>标记为存疑(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="54"/>
        <source>Review &amp;opinion…</source>
        <translation>审核意见(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="55"/>
        <source>&amp;About Nianbao</source>
        <translation>关于年报审核工作台(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="58"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="58"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="58"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="58"/>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/actions.py" line="58"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="69"/>
        <source>Nianbao — annual report review</source>
        <translation>年报审核工作台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="158"/>
        <source>✖ likely wrong</source>
        <translation>✖ 可能有误</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>broken identity</source>
        <translation>勾稽不符</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>corrected</source>
        <translation>已更正</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>printed blank</source>
        <translation>原印空白</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="227"/>
        <source>Cannot open the review file</source>
        <translation>无法打开审核文件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="238"/>
        <location filename="../../ui/main_window.py" line="312"/>
        <source>Nianbao — {0}</source>
        <translation>年报审核工作台 — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285"/>
        <source>Cannot open the report</source>
        <translation>无法打开报告</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342"/>
        <source>{0} {1}: {2} errors, {3} warnings</source>
        <translation>{0} {1}：错误 {2} 项，警告 {3} 项</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>No problems in this report</source>
        <translation>本报告没有问题</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="417"/>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="509"/>
        <source>No suggestion for this cell</source>
        <translation>此单元格没有修改建议</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="559"/>
        <source>Approved</source>
        <translation>已审核通过</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="565"/>
        <source>Approved; no report left to review in this list</source>
        <translation>已通过；列表中没有待审核的报告了</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="642"/>
        <source>Open review file</source>
        <translation>打开审核文件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="642"/>
        <source>Review files (*.sqlite *.db)</source>
        <translation>审核文件 (*.sqlite *.db)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="647"/>
        <source>New review file</source>
        <translation>新建审核文件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="647"/>
        <source>Review files (*.sqlite)</source>
        <translation>审核文件 (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="652"/>
        <source>Import PDF files</source>
        <translation>导入 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="652"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="657"/>
        <source>Import a folder of PDF files</source>
        <translation>导入 PDF 文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="665"/>
        <source>Export this report</source>
        <translation>导出本报告</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="665"/>
        <location filename="../../ui/main_window.py" line="672"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="672"/>
        <source>Export the whole review</source>
        <translation>导出整个审核</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="704"/>
        <source>About Nianbao</source>
        <translation>关于年报审核工作台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="726"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PdfView</name>
    <message>
        <location filename="../../ui/pdf_view.py" line="234"/>
        <source>Cannot open {name}
{reason}</source>
        <translation>无法打开 {name}
{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_view.py" line="241"/>
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_view.py" line="242"/>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_view.py" line="243"/>
        <source>This file is not a PDF.</source>
        <translation>该文件不是 PDF。</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_view.py" line="244"/>
        <source>The PDF is password-protected.</source>
        <translation>该 PDF 有密码保护。</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_view.py" line="245"/>
        <source>The PDF has no pages.</source>
        <translation>该 PDF 没有页面。</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_view.py" line="246"/>
        <location filename="../../ui/pdf_view.py" line="248"/>
        <source>The PDF is damaged.</source>
        <translation>该 PDF 已损坏。</translation>
    </message>
    <message>
        <location filename="../../ui/pdf_view.py" line="558"/>
        <source>This page could not be shown.</source>
        <translation>无法显示此页。</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../ui/problems.py" line="22"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../ui/problems.py" line="23"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../ui/problems.py" line="24"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/problems.py" line="25"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../ui/problems.py" line="114"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/problems.py" line="114"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../ui/problems.py" line="104"/>
        <source>Accept: {0} → {1}</source>
        <translation>采纳：{0} → {1}</translation>
    </message>
    <message>
        <location filename="../../ui/problems.py" line="105"/>
        <source>Set {0} to {1} (Ctrl+Shift+A on the cell)</source>
        <translation>将 {0} 改为 {1}（在单元格上按 Ctrl+Shift+A）</translation>
    </message>
    <message>
        <location filename="../../ui/problems.py" line="125"/>
        <source>ambiguous: {0}</source>
        <translation>无法确定：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/problems.py" line="133"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/problems.py" line="136"/>
        <source>Audit trail</source>
        <translation>审核记录</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue.py" line="64"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="64"/>
        <source>Agency</source>
        <translation>机关</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="64"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="64"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="65"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="65"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../ui/queue.py" line="112"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="112"/>
        <source>Has errors</source>
        <translation>有错误</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="112"/>
        <source>Unreviewed</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="112"/>
        <source>Approved</source>
        <translation>已审核通过</translation>
    </message>
    <message>
        <location filename="../../ui/queue.py" line="115"/>
        <source>Search agency, file, note…</source>
        <translation>搜索机关、文件名、备注…</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <location filename="../../ui/table_model.py" line="192"/>
        <source>Likely wrong: suggested value {0} ({1})</source>
        <translation>可能有误：建议改为 {0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/table_model.py" line="198"/>
        <source>Corrected; printed value: {0}</source>
        <translation>已更正；原印数值：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/table_model.py" line="201"/>
        <source>Printed blank ({0}); read as 0</source>
        <translation>原印为空白（{0}），按 0 计</translation>
    </message>
    <message>
        <location filename="../../ui/table_model.py" line="201"/>
        <source>empty</source>
        <translation>空白</translation>
    </message>
    <message>
        <location filename="../../ui/table_model.py" line="203"/>
        <source>Unreadable as printed: {0}</source>
        <translation>原印内容无法识别：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/table_model.py" line="207"/>
        <source>high confidence</source>
        <translation>把握较大</translation>
    </message>
    <message>
        <location filename="../../ui/table_model.py" line="207"/>
        <source>low confidence</source>
        <translation>把握较小</translation>
    </message>
    <message>
        <location filename="../../ui/table_model.py" line="234"/>
        <source>a whole number ≥ 0</source>
        <translation>不小于 0 的整数</translation>
    </message>
    <message>
        <location filename="../../ui/table_model.py" line="235"/>
        <source>a whole number (may be negative)</source>
        <translation>整数（可为负数）</translation>
    </message>
    <message>
        <location filename="../../ui/table_model.py" line="236"/>
        <source>a decimal number ≥ 0 (万元)</source>
        <translation>不小于 0 的数（万元）</translation>
    </message>
    <message>
        <location filename="../../ui/table_model.py" line="238"/>
        <source>Not saved: this cell takes {0}</source>
        <translation>未保存：此单元格应填{0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="15"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="18"/>
        <source>your name (default: the system user)</source>
        <translation>您的姓名（默认为系统用户名）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="20"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="25"/>
        <source>Reviewer name</source>
        <translation>审核人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="26"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="27"/>
        <source>A new language takes effect when Nianbao restarts.</source>
        <translation>界面语言在重新启动年报审核工作台后生效。</translation>
    </message>
</context>
</TS>
