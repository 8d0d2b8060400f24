<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutPage</name>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>FieldVisit (民政走访) · Cixi Civil Affairs Bureau</source>
        <translation>民政走访 · 慈溪市民政局</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断信息</translation>
    </message>
    <message>
        <source>Checking the data…</source>
        <translation>正在检查数据…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Copy diagnostics</source>
        <translation>复制诊断信息</translation>
    </message>
    <message>
        <source>For the bureau&apos;s IT staff; contains no names, ID numbers or usernames.</source>
        <translation>供民政局信息技术人员排查问题；不含姓名、身份证号或用户名。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>kept after restart</source>
        <translation>重启后仍保留</translation>
    </message>
    <message>
        <source>this session only (password at start)</source>
        <translation>仅限本次运行（每次启动需输入密码）</translation>
    </message>
    <message>
        <source>encrypted (SQLCipher %1, file header encrypted: %2)</source>
        <translation>已加密（SQLCipher %1，文件头已加密：%2）</translation>
    </message>
    <message>
        <source>NOT encrypted (SQLCipher %1, file header encrypted: %2)</source>
        <translation>未加密（SQLCipher %1，文件头已加密：%2）</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>FieldVisit version</source>
        <translation>民政走访版本</translation>
    </message>
    <message>
        <source>Qt and PySide6</source>
        <translation>Qt 与 PySide6</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source> (demo data)</source>
        <translation>（演示数据）</translation>
    </message>
    <message>
        <source>Key storage</source>
        <translation>密钥保存</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Schema revision</source>
        <translation>数据结构版本</translation>
    </message>
    <message>
        <source>Integrity check</source>
        <translation>完整性检查</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>FieldVisit diagnostics</source>
        <translation>民政走访诊断信息</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation>检查未能运行：%1</translation>
    </message>
</context>
<context>
    <name>AmendDialog</name>
    <message>
        <source>Correct a finalized record</source>
        <translation>更正已定稿的记录</translation>
    </message>
    <message>
        <source>The original stays on file. Say what is being corrected and why:</source>
        <translation>原记录将保留存档。请说明更正的内容和理由：</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>更正理由</translation>
    </message>
    <message>
        <source>Start the correction</source>
        <translation>开始更正</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>The demo could not be created.</source>
        <translation>演示数据创建失败。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>The password is not correct. Please try again.</source>
        <translation>密码不正确，请重新输入。</translation>
    </message>
    <message>
        <source>The data could not be opened.</source>
        <translation>无法打开数据。</translation>
    </message>
    <message>
        <source>This device was withdrawn by the bureau; its data were erased.</source>
        <translation>此设备已被民政局停用，本机数据已清除。</translation>
    </message>
    <message>
        <source>The screen was locked to protect the data. Type the password to continue.</source>
        <translation>为保护数据，屏幕已锁定。请输入密码继续。</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>Grave case</source>
        <translation>违建坟墓案件</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← 返回</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>台账编号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ledger details…</source>
        <translation>台账详情…</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Next steps allowed now</source>
        <translation>当前可以进行的下一步</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>The grave</source>
        <translation>坟墓情况</translation>
    </message>
    <message>
        <source>Photo evidence</source>
        <translation>照片证据</translation>
    </message>
    <message>
        <source>Status timeline</source>
        <translation>状态记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Notices and re-inspections</source>
        <translation>整改通知书与复查记录</translation>
    </message>
    <message>
        <source>This case no longer exists.</source>
        <translation>该案件已不存在。</translation>
    </message>
    <message>
        <source>Rectification notice %1</source>
        <translation>责令限期整改通知书 %1</translation>
    </message>
    <message>
        <source>Re-inspection record %1</source>
        <translation>复查记录 %1</translation>
    </message>
    <message>
        <source>Patrol record</source>
        <translation>巡查记录</translation>
    </message>
    <message>
        <source>Closed (销号).</source>
        <translation>已销号。</translation>
    </message>
    <message>
        <source>No rectification deadline yet (set when the notice is issued).</source>
        <translation>尚无整改期限（下达整改通知书后确定）。</translation>
    </message>
    <message>
        <source>Deadline %1 passed %2 days ago: re-inspect now</source>
        <translation>整改期限 %1 已过 %2 天，请尽快复查</translation>
    </message>
    <message>
        <source>Rectification deadline %1 (%2 days left)</source>
        <translation>整改期限 %1（还有 %2 天）</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>区域类型</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>违规类型</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>占地面积</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>(owner unknown)</source>
        <translation>（墓主不明）</translation>
    </message>
    <message>
        <source>Photo %1</source>
        <translation>照片 %1</translation>
    </message>
    <message>
        <source>No photos yet.</source>
        <translation>暂无照片。</translation>
    </message>
    <message>
        <source>Notice %1 issued %2, deadline %3</source>
        <translation>通知书 %1，%2 下达，期限至 %3</translation>
    </message>
    <message>
        <source>(draft)</source>
        <translation>（草稿）</translation>
    </message>
    <message>
        <source>Re-inspection %1</source>
        <translation>复查记录 %1</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>暂无。</translation>
    </message>
    <message>
        <source>Record the re-inspection…</source>
        <translation>填写复查记录…</translation>
    </message>
    <message>
        <source>No further steps: the case is closed.</source>
        <translation>没有后续步骤：案件已销号。</translation>
    </message>
    <message>
        <source>Register in the ledger</source>
        <translation>登记建档</translation>
    </message>
    <message>
        <source>Site check done</source>
        <translation>现场核查完成</translation>
    </message>
    <message>
        <source>Issue a rectification notice…</source>
        <translation>下达整改通知书…</translation>
    </message>
    <message>
        <source>Start the rectification period</source>
        <translation>进入整改期</translation>
    </message>
    <message>
        <source>Deadline reached: re-inspect</source>
        <translation>开始复查</translation>
    </message>
    <message>
        <source>Urge the party</source>
        <translation>催告</translation>
    </message>
    <message>
        <source>Removal enforced by law</source>
        <translation>依法强制拆除</translation>
    </message>
    <message>
        <source>Transfer to another department</source>
        <translation>移交相关部门</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>复查销号</translation>
    </message>
</context>
<context>
    <name>CasesList</name>
    <message>
        <source>Case no.</source>
        <translation>台账编号</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村(社区)</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>小地名</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（不明）</translation>
    </message>
    <message>
        <source>Violation</source>
        <translation>违规类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Grave cases</source>
        <translation>违建坟墓台账</translation>
    </message>
    <message>
        <source>Any deadline</source>
        <translation>全部期限</translation>
    </message>
    <message>
        <source>Past deadline</source>
        <translation>已过整改期限</translation>
    </message>
    <message>
        <source>Re-inspection due</source>
        <translation>待复查</translation>
    </message>
</context>
<context>
    <name>CasesSection</name>
    <message>
        <source>Print ledger</source>
        <translation>打印台账</translation>
    </message>
    <message>
        <source>The case ledger (违建坟墓台账) of one town</source>
        <translation>打印一个镇（街道）的违建坟墓台账</translation>
    </message>
    <message>
        <source>New patrol</source>
        <translation>新建巡查</translation>
    </message>
    <message>
        <source>Ledger of %1</source>
        <translation>%1台账</translation>
    </message>
    <message>
        <source>No cases to print</source>
        <translation>没有可打印的案件</translation>
    </message>
    <message>
        <source>Finalize the patrol</source>
        <translation>巡查记录定稿</translation>
    </message>
    <message>
        <source>Register a grave found…</source>
        <translation>登记新发现的坟墓…</translation>
    </message>
    <message>
        <source>Patrol record</source>
        <translation>巡查记录</translation>
    </message>
    <message>
        <source>Grave case ledger %1</source>
        <translation>违建坟墓台账 %1</translation>
    </message>
    <message>
        <source>Illegal grave ledger record</source>
        <translation>违建坟墓台账</translation>
    </message>
    <message>
        <source>Issue the notice</source>
        <translation>下达通知书</translation>
    </message>
    <message>
        <source>Rectification notice</source>
        <translation>责令限期整改通知书</translation>
    </message>
    <message>
        <source>Finalize the re-inspection</source>
        <translation>复查记录定稿</translation>
    </message>
    <message>
        <source>Re-inspection record</source>
        <translation>复查记录</translation>
    </message>
</context>
<context>
    <name>ChangeDialog</name>
    <message>
        <source>Change the category</source>
        <translation>变更儿童类别</translation>
    </message>
    <message>
        <source>Change the guardian</source>
        <translation>变更监护人</translation>
    </message>
    <message>
        <source>Close the file</source>
        <translation>注销档案</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>新类别</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relation to the child</source>
        <translation>与儿童关系</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Reason for closing</source>
        <translation>注销原因</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Why (kept in the change history)</source>
        <translation>理由（记入变更记录）</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save the change</source>
        <translation>保存变更</translation>
    </message>
    <message>
        <source>Please say why.</source>
        <translation>请填写理由。</translation>
    </message>
</context>
<context>
    <name>ChildPage</name>
    <message>
        <source>Child&apos;s file</source>
        <translation>儿童档案</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← 返回</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Risk level</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>File no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <source>Child information sheet</source>
        <translation>儿童信息登记表</translation>
    </message>
    <message>
        <source>Whole file (一人一档)</source>
        <translation>全部档案（一人一档）</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新增探访</translation>
    </message>
    <message>
        <source>Next visit due</source>
        <translation>下次探访日期</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>探访记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>探访人</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>安全状况</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>State</source>
        <translation>记录状态</translation>
    </message>
    <message>
        <source>Changes (category, guardian, risk, closure)</source>
        <translation>变更记录（类别、监护人、风险等级、注销）</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <source>Change category…</source>
        <translation>变更类别…</translation>
    </message>
    <message>
        <source>Change guardian…</source>
        <translation>变更监护人…</translation>
    </message>
    <message>
        <source>Close the file…</source>
        <translation>注销档案…</translation>
    </message>
    <message>
        <source>This file no longer exists.</source>
        <translation>该档案已不存在。</translation>
    </message>
    <message>
        <source>No changes recorded.</source>
        <translation>暂无变更记录。</translation>
    </message>
    <message>
        <source>File closed: no further visits are scheduled.</source>
        <translation>档案已注销，不再安排探访。</translation>
    </message>
    <message>
        <source>Next visit: not scheduled yet</source>
        <translation>下次探访：尚未确定</translation>
    </message>
    <message>
        <source>Next visit was due %1 — %2 days overdue</source>
        <translation>下次探访应在 %1 前完成，已逾期 %2 天</translation>
    </message>
    <message>
        <source>Next visit due %1 (in %2 days)</source>
        <translation>下次探访日期：%1（还有 %2 天）</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Sex · age</source>
        <translation>性别 · 年龄</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>儿童类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村(社区)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>现住址</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>监护人</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Parents</source>
        <translation>父母情况</translation>
    </message>
    <message>
        <source>Father</source>
        <translation>父亲</translation>
    </message>
    <message>
        <source>Mother</source>
        <translation>母亲</translation>
    </message>
    <message>
        <source>School and health</source>
        <translation>就学与健康</translation>
    </message>
    <message>
        <source>School</source>
        <translation>就学</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Child director</source>
        <translation>儿童主任</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>儿童督导员</translation>
    </message>
</context>
<context>
    <name>ChildrenList</name>
    <message>
        <source>File no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村(社区)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>儿童类别</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Next visit due</source>
        <translation>下次探访日期</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>上次探访</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All risk levels</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>儿童档案</translation>
    </message>
    <message>
        <source>Any due date</source>
        <translation>全部到期情况</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due within 14 days</source>
        <translation>14天内到期</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
</context>
<context>
    <name>ChildrenSection</name>
    <message>
        <source>Print visit forms</source>
        <translation>打印探访表</translation>
    </message>
    <message>
        <source>Blank visit forms headed for the selected children, or for every child shown</source>
        <translation>为选中的儿童（未选中时为列表中显示的全部儿童）打印填好抬头的空白探访表</translation>
    </message>
    <message>
        <source>Print overdue roster</source>
        <translation>打印逾期名单</translation>
    </message>
    <message>
        <source>New child&apos;s file</source>
        <translation>新增儿童档案</translation>
    </message>
    <message>
        <source>Put on the list</source>
        <translation>登记在册</translation>
    </message>
    <message>
        <source>Child&apos;s file</source>
        <translation>儿童档案</translation>
    </message>
    <message>
        <source>Choose at most %1 children to print (filter by village, or select rows).</source>
        <translation>一次最多打印 %1 名儿童的探访表（请按村筛选或选中若干行）。</translation>
    </message>
    <message numerus="yes">
        <source>Visit forms for %n children</source>
        <translation>
            <numerusform>%n 名儿童的探访表</numerusform>
        </translation>
    </message>
    <message>
        <source>Overdue roster</source>
        <translation>逾期探访名单</translation>
    </message>
    <message>
        <source>Visit to %1</source>
        <translation>探访 %1</translation>
    </message>
    <message>
        <source>Finalize the visit</source>
        <translation>探访记录定稿</translation>
    </message>
</context>
<context>
    <name>ChoiceField</name>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— 不指定 —</translation>
    </message>
    <message>
        <source>%1 (not a current choice)</source>
        <translation>%1（原值，已不在选项中）</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>The same record was changed here and at the bureau. Nothing was overwritten: compare both versions and choose, field by field, which value is right.</source>
        <translation>同一条记录在本机和民政局都被修改过。两边的内容都没有被覆盖：请对照两个版本，逐项选择正确的值。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Fields in conflict</source>
        <translation>冲突的项目</translation>
    </message>
    <message>
        <source>(left your area)</source>
        <translation>（已不在您的工作范围内）</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Both versions</source>
        <translation>两个版本</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>本机的值</translation>
    </message>
    <message>
        <source>At the bureau</source>
        <translation>民政局的值</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>All from this computer</source>
        <translation>全部采用本机的值</translation>
    </message>
    <message>
        <source>All from the bureau</source>
        <translation>全部采用民政局的值</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>确认处理</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>No conflicts: nothing waits for a decision.</source>
        <translation>没有冲突：没有需要处理的记录。</translation>
    </message>
    <message>
        <source>This record left your area at the bureau; your change was kept there. Nothing to choose.</source>
        <translation>该记录已不在您的工作范围内；您的修改已保留在民政局。无需选择。</translation>
    </message>
    <message>
        <source>Changed here and at the bureau since the last sync.</source>
        <translation>自上次同步以来，本机和民政局都修改了该记录。</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>This computer&apos;s</source>
        <translation>采用本机的值</translation>
    </message>
    <message>
        <source>The bureau&apos;s</source>
        <translation>采用民政局的值</translation>
    </message>
    <message>
        <source>merged, no choice needed</source>
        <translation>已合并，无需选择</translation>
    </message>
    <message>
        <source>Choose a value for every field marked red.</source>
        <translation>请为每个标红的项目选择一个值。</translation>
    </message>
    <message>
        <source>The choice could not be saved: %1</source>
        <translation>选择未能保存：%1</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>上次成功同步</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Needs doing first</source>
        <translation>需要优先处理</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应办日期</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <source>Nothing urgent: no overdue visits or past deadlines.</source>
        <translation>暂无需要优先处理的事项：没有逾期的探访，也没有过期的整改。</translation>
    </message>
    <message>
        <source>Child visits overdue</source>
        <translation>探访已逾期（人）</translation>
    </message>
    <message>
        <source>Child visits due within 14 days</source>
        <translation>14天内应探访（人）</translation>
    </message>
    <message>
        <source>Children at red risk</source>
        <translation>红色风险儿童（人）</translation>
    </message>
    <message>
        <source>Household visits not finalized</source>
        <translation>未定稿的入户调查</translation>
    </message>
    <message>
        <source>Notices past their deadline</source>
        <translation>整改期限已过（件）</translation>
    </message>
    <message>
        <source>Re-inspections due</source>
        <translation>待复查（件）</translation>
    </message>
    <message>
        <source>Drafts in progress</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Changes not yet sent to the bureau</source>
        <translation>未同步到民政局的修改</translation>
    </message>
    <message>
        <source>Today: %1</source>
        <translation>今天：%1</translation>
    </message>
    <message>
        <source>Visit overdue</source>
        <translation>探访逾期</translation>
    </message>
    <message>
        <source>Deadline passed: re-inspect</source>
        <translation>整改期限已过，待复查</translation>
    </message>
    <message>
        <source>Demo data: never synchronised</source>
        <translation>演示数据：不与民政局同步</translation>
    </message>
    <message>
        <source>Not yet synchronised with the bureau</source>
        <translation>尚未与民政局同步</translation>
    </message>
    <message>
        <source>Last synchronised: %1</source>
        <translation>上次同步：%1</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>YYYY-MM-DD HH:MM</source>
        <translation>年-月-日 时:分</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
</context>
<context>
    <name>DecimalField</name>
    <message>
        <source>Number, e.g. 4.5</source>
        <translation>数字，如 4.5</translation>
    </message>
</context>
<context>
    <name>EditorPage</name>
    <message>
        <source>← Back</source>
        <translation>← 返回</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>保存状态</translation>
    </message>
    <message>
        <source>Finalized: this record can no longer be changed.</source>
        <translation>已定稿：此记录不能再修改。如需更正，请点“更正”。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Finalize</source>
        <translation>定稿</translation>
    </message>
    <message>
        <source>Draft: every change is saved automatically</source>
        <translation>草稿：每次修改都会自动保存</translation>
    </message>
    <message>
        <source>Saved automatically %1</source>
        <translation>已自动保存 %1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>保存失败：%1</translation>
    </message>
    <message>
        <source>Photo not added: %1</source>
        <translation>照片未添加：%1</translation>
    </message>
    <message>
        <source>Could not finalize.</source>
        <translation>无法定稿。</translation>
    </message>
    <message>
        <source>%1 answers are missing or need correcting before finalizing:</source>
        <translation>还有 %1 处需要填写或更正，才能定稿：</translation>
    </message>
    <message>
        <source>Please check:</source>
        <translation>请核对：</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>程序出现问题</translation>
    </message>
    <message>
        <source>The program hit an unexpected problem. What you typed has been saved. If it happens again, please tell the bureau&apos;s IT contact.</source>
        <translation>程序遇到了意外问题。您已填写的内容已经保存。如果再次出现，请联系民政局信息化联系人。</translation>
    </message>
</context>
<context>
    <name>FieldText</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>FieldVisit — Welcome</source>
        <translation>民政走访 — 欢迎</translation>
    </message>
    <message>
        <source>Welcome to FieldVisit</source>
        <translation>欢迎使用民政走访</translation>
    </message>
    <message>
        <source>There is no data on this computer yet. Sign in with the account the bureau gave you, or look around with demo data first.</source>
        <translation>这台电脑上还没有数据。请使用民政局分配的账号登录，或先用演示数据熟悉软件。</translation>
    </message>
    <message>
        <source>Sign in to the bureau</source>
        <translation>登录民政局账号</translation>
    </message>
    <message>
        <source>Your records are downloaded once; afterwards the same password opens them without a network.</source>
        <translation>登录后先下载一次您的记录；之后没有网络时也可用同一密码打开。</translation>
    </message>
    <message>
        <source>Try with demo data (演示数据)</source>
        <translation>使用演示数据试用</translation>
    </message>
    <message>
        <source>Demo data are invented people and places for practice. Never enter real records there.</source>
        <translation>演示数据中的人员和地点均为虚构，仅供练习。请勿在演示数据中录入真实信息。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Creating the demo workspace, this takes a few seconds…</source>
        <translation>正在创建演示数据，需要几秒钟……</translation>
    </message>
</context>
<context>
    <name>HouseholdsList</name>
    <message>
        <source>Survey no.</source>
        <translation>调查表编号</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村(社区)</translation>
    </message>
    <message>
        <source>Assistance type</source>
        <translation>救助类别</translation>
    </message>
    <message>
        <source>Survey kind</source>
        <translation>调查类型</translation>
    </message>
    <message>
        <source>Survey date</source>
        <translation>调查日期</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Income per head (yuan/month)</source>
        <translation>月人均收入(元)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>核算结果</translation>
    </message>
    <message>
        <source>State</source>
        <translation>记录状态</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部记录状态</translation>
    </message>
    <message>
        <source>Household assessments</source>
        <translation>家庭经济状况入户调查</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>不符合</translation>
    </message>
</context>
<context>
    <name>HouseholdsSection</name>
    <message>
        <source>Print blank survey form</source>
        <translation>打印空白调查表</translation>
    </message>
    <message>
        <source>Blank household survey form</source>
        <translation>空白入户调查表</translation>
    </message>
    <message>
        <source>New home visit</source>
        <translation>新建入户调查</translation>
    </message>
    <message>
        <source>Finalize the home visit</source>
        <translation>入户调查定稿</translation>
    </message>
    <message>
        <source>Household home visit</source>
        <translation>家庭经济状况入户调查</translation>
    </message>
</context>
<context>
    <name>IdNumberField</name>
    <message>
        <source>18 characters</source>
        <translation>18位</translation>
    </message>
    <message>
        <source>Born %1 · %2 · %3 years</source>
        <translation>出生 %1 · %2 · %3岁</translation>
    </message>
</context>
<context>
    <name>IntegerField</name>
    <message>
        <source>Whole number</source>
        <translation>整数</translation>
    </message>
</context>
<context>
    <name>ListFilters</name>
    <message>
        <source>All towns</source>
        <translation>全部镇(街道)</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>镇(街道)</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>全部村(社区)</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村(社区)</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Name, pinyin initials (zjh) or last 4 ID digits</source>
        <translation>姓名 / 拼音首字母(如zjh) / 身份证后4位</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>条数</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 条，共 %2 条</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FieldVisit</source>
        <translation>民政走访</translation>
    </message>
    <message>
        <source>FieldVisit — Cixi Civil Affairs Bureau</source>
        <translation>民政走访 — 慈溪市民政局</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Household checks</source>
        <translation>家庭核查</translation>
    </message>
    <message>
        <source>Children&apos;s files</source>
        <translation>儿童档案</translation>
    </message>
    <message>
        <source>Burial patrols</source>
        <translation>殡葬巡查</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>No user</source>
        <translation>未设置用户</translation>
    </message>
    <message>
        <source>Current user</source>
        <translation>当前用户</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <source>Synchronising…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Demo data (演示数据): invented people for practice — do not enter real records.</source>
        <translation>演示数据：人员均为虚构，仅供练习，请勿录入真实信息。</translation>
    </message>
    <message>
        <source>Demo data: not synchronised</source>
        <translation>演示数据：不同步</translation>
    </message>
    <message>
        <source>Not signed in to the bureau</source>
        <translation>尚未登录民政局服务器</translation>
    </message>
    <message>
        <source>%1 conflicts to decide</source>
        <translation>%1 个冲突待处理</translation>
    </message>
    <message>
        <source>%1 changes to send</source>
        <translation>%1 条更改待同步</translation>
    </message>
    <message>
        <source>Synchronised %1</source>
        <translation>已同步 %1</translation>
    </message>
    <message>
        <source>password only (no keyring): asked at every start</source>
        <translation>仅凭密码（无系统钥匙串）：每次启动需输入密码</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>MediaField</name>
    <message>
        <source>Sign…</source>
        <translation>签名…</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>PhoneField</name>
    <message>
        <source>11-digit mobile, or 0574-63012345</source>
        <translation>11位手机号，或 0574-63012345</translation>
    </message>
</context>
<context>
    <name>PrintLauncher</name>
    <message>
        <source>The document could not be prepared for printing.</source>
        <translation>文书未能生成，无法打印。</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>未打印</translation>
    </message>
    <message>
        <source>ID numbers are printed masked. To print them in full, type your password again. This is recorded in the audit log.</source>
        <translation>身份证号默认以遮挡方式打印。如需打印完整身份证号，请再次输入密码。此操作将记入审计日志。</translation>
    </message>
</context>
<context>
    <name>PrintMenu</name>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Print preview — %1</source>
        <translation>打印预览 — %1</translation>
    </message>
    <message>
        <source>Document preview</source>
        <translation>文书预览</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>ID numbers masked</source>
        <translation>身份证号已遮挡</translation>
    </message>
    <message>
        <source>Print full ID numbers…</source>
        <translation>打印完整身份证号…</translation>
    </message>
    <message>
        <source>Print full ID numbers (asks for the password)</source>
        <translation>打印完整身份证号（需再次输入密码）</translation>
    </message>
    <message>
        <source>ID numbers are masked; showing them in full asks for your password.</source>
        <translation>身份证号已遮挡；显示完整号码需要再次输入密码。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为PDF…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为PDF</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Full ID numbers shown</source>
        <translation>显示完整身份证号</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation>PDF 保存失败：%1</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>未打印</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
</context>
<context>
    <name>QuarantinePage</name>
    <message>
        <source>Quarantine</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>The bureau refused these changes. They are kept on this computer and the rest keeps synchronising. Once the reason is dealt with (ask the bureau if unsure), send one again.</source>
        <translation>民政局拒收了以下更改。它们仍保存在本机，其余数据照常同步。问题解决后（如有疑问请咨询民政局），可重新发送。</translation>
    </message>
    <message>
        <source>change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deletion</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Nothing in quarantine.</source>
        <translation>没有被隔离的更改。</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
</context>
<context>
    <name>ReauthDialog</name>
    <message>
        <source>Confirm with your password</source>
        <translation>请输入密码确认</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Please type the password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The password is not correct. Please try again.</source>
        <translation>密码不正确，请重试。</translation>
    </message>
</context>
<context>
    <name>RecordKind</name>
    <message>
        <source>Child&apos;s file</source>
        <translation>儿童档案</translation>
    </message>
    <message>
        <source>Child visit</source>
        <translation>探访记录</translation>
    </message>
    <message>
        <source>Household survey</source>
        <translation>入户调查</translation>
    </message>
    <message>
        <source>Grave case</source>
        <translation>违建坟墓案件</translation>
    </message>
    <message>
        <source>Patrol</source>
        <translation>巡查记录</translation>
    </message>
    <message>
        <source>Rectification notice</source>
        <translation>整改通知书</translation>
    </message>
    <message>
        <source>Re-inspection</source>
        <translation>复查记录</translation>
    </message>
    <message>
        <source>Photo or signature</source>
        <translation>照片或签名</translation>
    </message>
</context>
<context>
    <name>RepeatEditor</name>
    <message>
        <source>No rows yet.</source>
        <translation>尚未填写。</translation>
    </message>
    <message>
        <source>Add a row: %1</source>
        <translation>添加：%1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove row %1</source>
        <translation>删除第 %1 行</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字体大小</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation>无操作自动锁屏</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>立即锁屏</translation>
    </message>
    <message>
        <source>Key storage</source>
        <translation>密钥保存方式</translation>
    </message>
    <message>
        <source>Demo data (演示数据)</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>Try as</source>
        <translation>以此身份试用</translation>
    </message>
    <message>
        <source>Bureau</source>
        <translation>民政局</translation>
    </message>
    <message>
        <source>Sign in to the bureau…</source>
        <translation>登录民政局服务器…</translation>
    </message>
    <message>
        <source>Synchronisation</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Demo data (演示数据) are never sent to the bureau.</source>
        <translation>演示数据不会发送到民政局。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to the bureau</source>
        <translation>登录民政局服务器</translation>
    </message>
    <message>
        <source>Use the account the bureau gave you. This computer is then registered with the bureau, your records are downloaded, and the same password unlocks them here, also without a network.</source>
        <translation>请使用民政局分配的账户登录。登录后本机将在民政局登记，并下载您的记录；之后在本机上用同一密码即可打开，没有网络时也可以。</translation>
    </message>
    <message>
        <source>Sign in again to keep synchronising this computer with the bureau.</source>
        <translation>请重新登录，以便本机继续与民政局同步。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>登录错误</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>登录状态</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Please fill in the server address, the username and the password.</source>
        <translation>请填写服务器地址、用户名和密码。</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Sign in the box with the mouse, a pen or a finger.</source>
        <translation>请用鼠标、手写笔或手指在框内签名。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation>签名板</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>Sync state</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <source>Sync state: %1</source>
        <translation>同步状态：%1</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>The sync stopped with an error. Your data are safe on this computer; try again later.</source>
        <translation>同步出错中止。数据已安全保存在本机，请稍后再试。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sync with the bureau</source>
        <translation>与民政局同步</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>冲突 (%1)</translation>
    </message>
    <message>
        <source>Quarantine (%1)</source>
        <translation>隔离 (%1)</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync status</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <source>Demo data (演示数据) are never sent to the bureau.</source>
        <translation>演示数据不会发送到民政局。</translation>
    </message>
    <message>
        <source>This computer and the bureau</source>
        <translation>本机与民政局</translation>
    </message>
    <message>
        <source>Bureau server</source>
        <translation>民政局服务器</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>登录账户</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>上次成功同步</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>同步进度</translation>
    </message>
    <message>
        <source>Sync step</source>
        <translation>同步步骤</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>上次结果</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Sign in to the bureau…</source>
        <translation>登录民政局服务器…</translation>
    </message>
    <message>
        <source>Decide the conflicts…</source>
        <translation>处理冲突…</translation>
    </message>
    <message>
        <source>Sync automatically whenever the bureau can be reached</source>
        <translation>能连接民政局时自动同步</translation>
    </message>
    <message>
        <source>Sync automatically</source>
        <translation>自动同步</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>%1 changes to send · %2 conflicts · %3 refused (quarantine)</source>
        <translation>%1 条待同步 · %2 个冲突 · %3 条被拒收（隔离）</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>重新登录…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
</context>
<context>
    <name>SyncText</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Contacting the bureau…</source>
        <translation>正在连接民政局…</translation>
    </message>
    <message>
        <source>Sending changes: %1 of %2</source>
        <translation>正在上传更改：%1/%2</translation>
    </message>
    <message>
        <source>Receiving updates: %1 records</source>
        <translation>正在下载更新：%1 条</translation>
    </message>
    <message>
        <source>Checking which records belong to your area…</source>
        <translation>正在核对工作范围内的记录…</translation>
    </message>
    <message>
        <source>Receiving photos and signatures: %1 of %2</source>
        <translation>正在下载照片和签名：%1/%2</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>即将完成…</translation>
    </message>
    <message>
        <source>Synchronised: %1 changes sent, %2 records received.</source>
        <translation>同步完成：上传 %1 条，下载 %2 条。</translation>
    </message>
    <message>
        <source>Conflicts that need a decision: %1.</source>
        <translation>待处理的冲突：%1 个。</translation>
    </message>
    <message>
        <source>Changes refused by the bureau: %1.</source>
        <translation>被民政局拒收（隔离）：%1 条。</translation>
    </message>
    <message>
        <source>The bureau could not be reached. Check the server address and the network, then try again.</source>
        <translation>无法连接民政局服务器。请检查服务器地址和网络后重试。</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>FieldVisit — Unlock</source>
        <translation>民政走访 — 解锁</translation>
    </message>
    <message>
        <source>FieldVisit</source>
        <translation>民政走访</translation>
    </message>
    <message>
        <source>Cixi Civil Affairs Bureau · field work</source>
        <translation>慈溪市民政局 · 外勤走访</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Type your password, then press Enter</source>
        <translation>请输入密码，然后按回车键</translation>
    </message>
    <message>
        <source>Unlock error</source>
        <translation>解锁错误</translation>
    </message>
    <message>
        <source>Demo data (演示数据) — not real people. Password: %1</source>
        <translation>演示数据（非真实人员）。密码：%1</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>正在解锁……</translation>
    </message>
    <message>
        <source>Please type the password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>YesNoField</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
</TS>
