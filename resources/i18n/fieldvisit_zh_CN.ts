<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AppController</name>
    <message>
        <source>The demo could not be created.</source>
        <translation>演示数据创建失败。</translation>
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
        <source>password only (no keyring)</source>
        <translation>仅凭密码解锁（本机无可信的系统钥匙串）</translation>
    </message>
    <message>
        <source>The screen was locked to protect the data. Type the password to continue.</source>
        <translation>为保护数据，屏幕已锁定。请输入密码继续。</translation>
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
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>工作台</translation>
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
        <source>Re-inspect %1</source>
        <translation>复查 %1</translation>
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
        <source>The program hit an unexpected problem. What you typed has been saved. If it happens again, please tell the bureau's IT contact.</source>
        <translation>程序遇到了意外问题。您已填写的内容已经保存。如果再次出现，请联系民政局信息化联系人。</translation>
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
        <source>Available once synchronisation with the bureau is set up</source>
        <translation>与民政局的同步功能开通后即可使用</translation>
    </message>
    <message>
        <source>Signing in comes with synchronisation with the bureau.</source>
        <translation>账号登录将随同步功能一起提供。</translation>
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
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Household checks</source>
        <translation>家庭核查</translation>
    </message>
    <message>
        <source>Children's files</source>
        <translation>儿童档案</translation>
    </message>
    <message>
        <source>Burial patrols</source>
        <translation>殡葬巡查</translation>
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
        <source>Demo data (演示数据): invented people for practice — do not enter real records.</source>
        <translation>演示数据：人员均为虚构，仅供练习，请勿录入真实信息。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
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
        <source>Workspace</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
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
</TS>