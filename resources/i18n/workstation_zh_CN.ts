<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApproveDialog</name>
    <message>
        <location filename="../../ui/approve_dialog.py" line="22"/>
        <source>Approve with open errors</source>
        <translation>有待定的问题，仍要通过</translation>
    </message>
    <message>
        <location filename="../../ui/approve_dialog.py" line="23"/>
        <source>{0} still has {1} open error(s). Approve it anyway? The reason is kept in the audit trail.</source>
        <translation>{0} 仍有 {1} 项问题待定（尚未决定）。仍要通过吗？通过理由将记入审核记录。</translation>
    </message>
    <message>
        <location filename="../../ui/approve_dialog.py" line="27"/>
        <source>Reason (required), e.g. the report prints it this way</source>
        <translation>理由（必填），例如：报告原文即如此</translation>
    </message>
    <message>
        <location filename="../../ui/approve_dialog.py" line="29"/>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../ui/approve_dialog.py" line="30"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>AuditPanel</name>
    <message>
        <location filename="../../ui/audit_panel.py" line="19"/>
        <source>Only the selected cell</source>
        <translation>只看所选单元格</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="23"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="23"/>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="23"/>
        <source>Cell</source>
        <translation>单元格</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="23"/>
        <source>Was</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="24"/>
        <source>Now</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="24"/>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="24"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="61"/>
        <source>confirmed as printed</source>
        <translation>确认原印数值</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="75"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="75"/>
        <source>Review opinion</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="76"/>
        <source>Re-extracted</source>
        <translation>重新提取</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="76"/>
        <source>Agency</source>
        <translation>机关</translation>
    </message>
    <message>
        <location filename="../../ui/audit_panel.py" line="76"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <location filename="../../ui/background.py" line="26"/>
        <source>Exporting to Excel…</source>
        <translation>正在导出到 Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="42"/>
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="47"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="59"/>
        <source>Preparing the sample reports…</source>
        <translation>正在准备示例报告…</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="72"/>
        <source>Sample reports ready: red cells break an identity; F8 goes to the next problem.</source>
        <translation>示例报告已就绪：红色单元格不满足勾稽关系；按 F8 转到下一个问题。</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="78"/>
        <source>Samples</source>
        <translation>示例</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="49"/>
        <source>Correct {0}</source>
        <translation>更正 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="53"/>
        <source>e.g. confirmed with the agency by phone</source>
        <translation>例如：已与该机关电话核实</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="54"/>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="55"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>DetailsDialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="80"/>
        <source>Agency and year</source>
        <translation>机关和年度</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="87"/>
        <source>Agency</source>
        <translation>机关</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="88"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="89"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>FailedImports</name>
    <message>
        <location filename="../../ui/failed_imports.py" line="18"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location filename="../../ui/failed_imports.py" line="27"/>
        <source>{0}
Failed {1} time(s); last reason: {2}</source>
        <translation>{0}
已失败 {1} 次；最近一次原因：{2}</translation>
    </message>
</context>
<context>
    <name>ImportPanel</name>
    <message>
        <location filename="../../ui/import_panel.py" line="36"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="41"/>
        <source>Hide the import summary</source>
        <translation>隐藏导入摘要</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="62"/>
        <source>Importing: looking for PDF files…</source>
        <translation>正在导入：查找 PDF 文件…</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="74"/>
        <source>estimating</source>
        <translation>估算中</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="75"/>
        <source>Importing {0} of {1}: {2} · about {3} left</source>
        <translation>正在导入第 {0}/{1} 份：{2} · 约剩 {3}</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="81"/>
        <source>{0} min {1} s</source>
        <translation>{0} 分 {1} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="82"/>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="94"/>
        <source>Import finished: {0} imported, {1} skipped (already in the review), {2} failed; {3} with errors.</source>
        <translation>导入完成：导入 {0} 份，跳过 {1} 份（已在审核文件中），失败 {2} 份；其中 {3} 份有错误。</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="97"/>
        <source>Import cancelled: </source>
        <translation>导入已取消：</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="99"/>
        <source>Failed files stay in the queue, marked as failed, with a retry.</source>
        <translation>导入失败的文件留在队列中，标为“导入失败”，可重试。</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="109"/>
        <source>An import is already running</source>
        <translation>已有导入正在进行</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="137"/>
        <source>Import failed: {0}</source>
        <translation>导入失败：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/import_panel.py" line="139"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>OpinionDialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="66"/>
        <source>Review opinion</source>
        <translation>审核意见</translation>
    </message>
</context>
<context>
    <name>ProblemFilter</name>
    <message>
        <location filename="../../ui/problem_filter.py" line="44"/>
        <source>Errors and warnings</source>
        <translation>错误和提示</translation>
    </message>
    <message>
        <location filename="../../ui/problem_filter.py" line="44"/>
        <source>Errors only</source>
        <translation>只看错误</translation>
    </message>
    <message>
        <location filename="../../ui/problem_filter.py" line="45"/>
        <source>Warnings only</source>
        <translation>只看提示</translation>
    </message>
    <message>
        <location filename="../../ui/problem_filter.py" line="48"/>
        <source>All tables</source>
        <translation>全部表格</translation>
    </message>
    <message>
        <location filename="../../ui/problem_filter.py" line="78"/>
        <source>{0} of {1} problems shown</source>
        <translation>显示 {0} 个问题，共 {1} 个</translation>
    </message>
    <message>
        <location filename="../../ui/problem_filter.py" line="81"/>
        <source>{0} cells read with low confidence in {1}</source>
        <translation>{1}：{0} 个单元格识别不确定</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/qt_words.py" line="7"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/qt_words.py" line="8"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/qt_words.py" line="9"/>
        <source>File &amp;name:</source>
        <translation>文件名(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>ReportHeader</name>
    <message>
        <location filename="../../ui/report_header.py" line="21"/>
        <source>Retry the import</source>
        <translation>重新导入</translation>
    </message>
    <message>
        <location filename="../../ui/report_header.py" line="34"/>
        <source>(agency not read)</source>
        <translation>（未识别机关）</translation>
    </message>
    <message>
        <location filename="../../ui/report_header.py" line="37"/>
        <source>Open: {0} · {1} · {2} · {3} errors, {4} warnings</source>
        <translation>当前报告：{0} · {1} · {2} · {3} 个错误，{4} 个提示</translation>
    </message>
    <message>
        <location filename="../../ui/report_header.py" line="40"/>
        <source>Opinion: {0}</source>
        <translation>审核意见：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/report_header.py" line="46"/>
        <source>Import failed: {0} — {1}</source>
        <translation>导入失败：{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../ui/report_header.py" line="52"/>
        <source>No report in this list</source>
        <translation>此列表中没有报告</translation>
    </message>
    <message>
        <location filename="../../ui/report_header.py" line="52"/>
        <source>No report open</source>
        <translation>未打开报告</translation>
    </message>
    <message>
        <location filename="../../ui/report_header.py" line="56"/>
        <source>No cell needs a look in this report</source>
        <translation>本报告没有需要查看的单元格</translation>
    </message>
</context>
<context>
    <name>Reread</name>
    <message>
        <location filename="../../ui/reread.py" line="21"/>
        <source>Reading the report again…</source>
        <translation>正在重新读取报告…</translation>
    </message>
    <message>
        <location filename="../../ui/reread.py" line="32"/>
        <location filename="../../ui/reread.py" line="43"/>
        <source>The report could not be read again</source>
        <translation>无法重新读取报告</translation>
    </message>
    <message>
        <location filename="../../ui/reread.py" line="34"/>
        <source>Read again: {0} cell(s) where your value was kept and the new reading differs</source>
        <translation>已重新读取：{0} 个单元格保留了您的更正值，新读数与之不同</translation>
    </message>
</context>
<context>
    <name>SnippetView</name>
    <message>
        <location filename="../../ui/snippet.py" line="67"/>
        <source>The source around the selected cell (page {0})</source>
        <translation>所选单元格在原文中的位置（第 {0} 页）</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/startup.py" line="18"/>
        <source>Cannot open the review file</source>
        <translation>无法打开审核文件</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="19"/>
        <source>{0}

{1}

Restore a copy of the file, or check it with &apos;nianbao verify&apos;.</source>
        <translation>{0}

{1}

请恢复该文件的副本，或用“nianbao verify”检查它。</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="22"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="34"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="35"/>
        <source>The name that signs your corrections and approvals in the audit trail:</source>
        <translation>在审核记录中为您的更正和通过署名的姓名：</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="38"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="39"/>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="50"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>UnsavedBar</name>
    <message>
        <location filename="../../ui/unsaved.py" line="22"/>
        <source>Retry saving</source>
        <translation>重试保存</translation>
    </message>
    <message>
        <location filename="../../ui/unsaved.py" line="23"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../ui/unsaved.py" line="34"/>
        <source>Not saved ({0}): {1}. The typed value stays shown as unsaved; free the disk or fix the file, then retry.</source>
        <translation>未保存（{0}）：{1}。输入的值仍显示为“未保存”；请腾出磁盘空间或修复文件后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/unsaved.py" line="39"/>
        <source>Typed {0}, not saved yet: retry saving from the bar above the tables</source>
        <translation>已输入 {0}，尚未保存：请在表格上方的提示栏中重试保存</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../../ui/wording.py" line="8"/>
        <source>Balance of requests</source>
        <translation>申请收支平衡</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="9"/>
        <source>Outcomes add up</source>
        <translation>办理结果合计</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="10"/>
        <source>Applicants add up</source>
        <translation>申请人合计</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="11"/>
        <source>Reconsideration and litigation add up</source>
        <translation>复议诉讼合计</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="12"/>
        <source>Valid number</source>
        <translation>数值有效</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="13"/>
        <source>Text against table</source>
        <translation>正文与表格一致</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="14"/>
        <source>Carried over from last year</source>
        <translation>上年结转</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="15"/>
        <source>Documents in force</source>
        <translation>现行有效件数</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="16"/>
        <source>Printed blank</source>
        <translation>印为空白</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="17"/>
        <source>Table structure</source>
        <translation>表格结构</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="18"/>
        <source>Uncertain OCR reading</source>
        <translation>识别不确定</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="22"/>
        <source>new</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="23"/>
        <source>in review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="24"/>
        <source>approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="25"/>
        <source>returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="26"/>
        <source>doubtful</source>
        <translation>存疑</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="53"/>
        <source>not a PDF file</source>
        <translation>不是 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="54"/>
        <source>the PDF is encrypted</source>
        <translation>PDF 已加密</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="55"/>
        <source>the PDF is damaged</source>
        <translation>PDF 文件已损坏</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="56"/>
        <source>scanned pages without text, and OCR is not installed</source>
        <translation>扫描页没有文字层，且未安装文字识别组件</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="57"/>
        <source>no report table found</source>
        <translation>未找到年报表格</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="58"/>
        <source>reading took too long (time limit)</source>
        <translation>读取超时（超过时间限制）</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="59"/>
        <location filename="../../ui/wording.py" line="60"/>
        <source>reading needed too much memory (memory limit)</source>
        <translation>读取占用内存过多（超过内存限制）</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="61"/>
        <source>the reading process crashed</source>
        <translation>读取进程意外退出</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="62"/>
        <source>the file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
</context>
<context>
    <name>_Dialog</name>
    <message>
        <location filename="../../ui/review_dialogs.py" line="29"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/review_dialogs.py" line="30"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
