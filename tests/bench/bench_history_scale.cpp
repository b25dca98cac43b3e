// History at scale (issue 5): 10,000 conversations and 1,000,000 messages of mixed English
// and Chinese text, written through the real schema (so the search index is the triggers'
// work). Prints figures; asserts no times.
//  (a) start: open the store, the sidebar's first page and show the main window, for an
//      empty database and for the big one, and their ratio (goal <= 1.5x)
//  (b) sidebar first screen: the conversation list model's first page (goal <= 50 ms)
//  (c) search p50/p95 over Latin and CJK queries of 1, 2 and 3+ characters (goal p95 <= 50 ms)
// The database is generated once and kept at $PENPAL_BENCH_DB (default
// /tmp/penpal-bench-1m.sqlite); a later run reuses it when its counts match.
#include "MainWindow.h"
#include "TestContext.h"
#include "chat/AppContext.h"
#include "model/ConversationListModel.h"
#include "store/Store.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace penpal;

namespace {

constexpr int kConversations = 10000;
constexpr int kMessagesPerConversation = 100;
constexpr qint64 kMessages = qint64(kConversations) * kMessagesPerConversation;

QString benchPath()
{
    const QString env = qEnvironmentVariable("PENPAL_BENCH_DB");
    return env.isEmpty() ? QStringLiteral("/tmp/penpal-bench-1m.sqlite") : env;
}

const QStringList &englishWords()
{
    static const QStringList words = [] {
        QStringList w =
            QStringLiteral(
                "the of and to a in is you that it he was for on are as with his they I at be this "
                "have from or one had by word but not what all were we when your can said there use "
                "an each which she do how their if will up other about out many then them these so "
                "some her would make like him into time has look two more write go see number no way "
                "could people my than first water been call who oil its now find long down day did "
                "get come made may part function class return value error server client database "
                "query index search memory thread process network request response model token "
                "python rust javascript compile build test debug release version update install "
                "configure library package module import export string array object integer float "
                "machine learning neural training dataset question answer explain example summary "
                "recipe travel holiday weather coffee café naïve résumé garden music history "
                "science physics chemistry biology economy market price budget meeting schedule")
                .split(QLatin1Char(' '), Qt::SkipEmptyParts);
        // Rarer words: syllable combinations, so the vocabulary has a long tail.
        const QStringList syl = QStringLiteral("ka lo mi ter an sio pre con dis ver ul tra gen bor fel min "
                                               "quar zeph oxy lum dra vin sto pel rab")
                                    .split(QLatin1Char(' '));
        std::mt19937 rng(7);
        while (w.size() < 20000) {
            QString s;
            const int n = 2 + int(rng() % 3);
            for (int i = 0; i < n; ++i)
                s += syl.at(int(rng() % syl.size()));
            w << s;
        }
        return w;
    }();
    return words;
}

const QStringList &chineseWords()
{
    static const QStringList words =
        QStringLiteral("我们 你们 他们 这个 那个 什么 怎么 为什么 因为 所以 但是 如果 可以 需要 应该 已经 "
                       "现在 时候 问题 方法 代码 程序 函数 数据 系统 服务 网络 模型 机器 学习 训练 结果 "
                       "分析 设计 开发 测试 部署 版本 更新 安装 配置 文件 目录 用户 密码 安全 性能 内存 "
                       "线程 进程 请求 响应 错误 异常 日志 数据库 索引 搜索 查询 排序 算法 结构 接口 "
                       "文档 例子 解释 总结 翻译 中文 英文 语言 历史 文化 经济 市场 价格 公司 工作 会议 "
                       "时间 今天 明天 昨天 早上 晚上 天气 旅行 北京 上海 京都 东京 咖啡 音乐 电影 朋友 "
                       "家人 孩子 学校 老师 学生 医生 医院 健康 运动 饮食 水果 蔬菜 米饭 面条 人工智能 "
                       "深度学习 自然语言 计算机 互联网 操作系统 编程语言 的 了 是 在 有 和 就 不 人 都 "
                       "一 也 很 到 说 要 去 会 着 没有 看 好 自己 这 那 你 我 他 她 它 上 下 大 小 多 少 "
                       "猫 狗 鱼 鸟 山 水 火 风 雨 雪 花 树 龙 凤 麒麟 饕餮 魑魅 魍魉")
            .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return words;
}

// Log-uniform index: a few words very common, a long tail rare (roughly Zipf).
int zipf(std::mt19937 &rng, int n)
{
    const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
    return qBound(0, int(std::pow(double(n), u)) - 1, n - 1);
}

QString messageText(std::mt19937 &rng)
{
    const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
    const int length = 20 + int(2980 * std::pow(u, 6)); // median ~66, mean ~450 characters
    const int kind = int(rng() % 10);                   // 0-6 English, 7-8 Chinese, 9 mixed
    const QStringList &en = englishWords();
    const QStringList &zh = chineseWords();
    QString t;
    t.reserve(length + 16);
    int sinceBreak = 0;
    while (t.size() < length) {
        const bool chinese = kind >= 7 && (kind == 7 || kind == 8 || rng() % 3 != 0);
        if (chinese) {
            t += zh.at(zipf(rng, int(zh.size())));
            if (rng() % 9 == 0)
                t += rng() % 2 ? QStringLiteral("，") : QStringLiteral("。");
        } else {
            if (!t.isEmpty() && !t.endsWith(QLatin1Char('\n')))
                t += QLatin1Char(' ');
            t += en.at(zipf(rng, int(en.size())));
            if (rng() % 12 == 0)
                t += QLatin1Char('.');
        }
        if (++sinceBreak > 60 && rng() % 20 == 0) {
            t += QStringLiteral("\n\n");
            sinceBreak = 0;
        }
    }
    return t;
}

bool countsMatch(const QString &path)
{
    if (!QFileInfo::exists(path))
        return false;
    Store s;
    if (!s.open(path))
        return false;
    return s.conversationCount() == kConversations &&
           s.search(QStringLiteral("the"), 1).size() == 1; // the index is there
}

bool generate(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    {
        Store s; // the real schema, all migrations
        if (!s.open(path)) {
            qWarning("cannot create %s: %s", qPrintable(path), qPrintable(s.lastError()));
            return false;
        }
    }
    QElapsedTimer timer;
    timer.start();
    qint64 bytes = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench.gen"));
        db.setDatabaseName(path);
        if (!db.open())
            return false;
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA synchronous = OFF"));
        q.exec(QStringLiteral("PRAGMA cache_size = -262144"));
        QSqlQuery conv(db);
        conv.prepare(
            QStringLiteral("INSERT INTO conversations (id, title, created, updated, current_leaf_id, uid)"
                           " VALUES (?, ?, ?, ?, ?, ?)"));
        QSqlQuery msg(db);
        msg.prepare(
            QStringLiteral("INSERT INTO messages (id, conversation_id, parent_id, role, content, created)"
                           " VALUES (?, ?, ?, ?, ?, ?)"));
        std::mt19937 rng(42);
        const qint64 start = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        qint64 messageId = 0;
        db.transaction();
        for (int c = 1; c <= kConversations; ++c) {
            const qint64 created = start + qint64(c) * 6000000; // ~100 minutes apart
            const qint64 last = messageId + kMessagesPerConversation;
            QString title = messageText(rng).left(40).simplified();
            conv.addBindValue(c);
            conv.addBindValue(title);
            conv.addBindValue(created);
            conv.addBindValue(created + kMessagesPerConversation * 30000);
            conv.addBindValue(last);
            conv.addBindValue(QStringLiteral("bench-%1").arg(c));
            if (!conv.exec()) {
                qWarning("conversation insert failed: %s", qPrintable(conv.lastError().text()));
                return false;
            }
            for (int i = 0; i < kMessagesPerConversation; ++i) {
                ++messageId;
                const QString text = messageText(rng);
                bytes += text.size();
                msg.addBindValue(messageId);
                msg.addBindValue(c);
                msg.addBindValue(i == 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(messageId - 1));
                msg.addBindValue(i % 2 ? QStringLiteral("assistant") : QStringLiteral("user"));
                msg.addBindValue(text);
                msg.addBindValue(created + i * 30000);
                if (!msg.exec()) {
                    qWarning("message insert failed: %s", qPrintable(msg.lastError().text()));
                    return false;
                }
            }
            if (c % 200 == 0) {
                db.commit();
                db.transaction();
                if (c % 1000 == 0)
                    qInfo("  %d conversations, %lld messages, %.0f s", c, messageId,
                          timer.elapsed() / 1000.0);
            }
        }
        db.commit();
        // Merge the index's segments as a long-lived database would have them.
        q.exec(QStringLiteral("INSERT INTO message_fts (message_fts) VALUES ('optimize')"));
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        q.exec(QStringLiteral("ANALYZE"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench.gen"));
    qInfo("generated %lld messages, %.0f M characters, in %.0f s; file %.0f MB", kMessages, bytes / 1e6,
          timer.elapsed() / 1000.0, QFileInfo(path).size() / 1e6);
    return true;
}

// The executable's wall time from launch to exit with PENPAL_QUIT_AFTER_START; -1 on failure.
double processStartMs(const QString &dataDir)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PENPAL_QUIT_AFTER_START"), QStringLiteral("1"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*=false"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(PENPAL_APP_PATH), {QStringLiteral("--data-dir"), dataDir});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return -1;
    return t.nsecsElapsed() / 1e6;
}

double percentile(QVector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.at(qMin(int(v.size()) - 1, int(std::ceil(p * v.size())) - 1));
}

// (a): everything a start does before the window shows, with the database in `dataDir`.
// `phases` gets two figures: the context open (store and list model), the window built.
double startMs(const QString &dataDir, QVector<double> *phases = nullptr)
{
    QElapsedTimer t;
    t.start();
    auto ctx = test::makeTestContext(dataDir, QUrl(QStringLiteral("http://127.0.0.1:9")));
    if (!ctx)
        return -1;
    if (phases)
        phases->append(t.nsecsElapsed() / 1e6);
    {
        MainWindow w(ctx.get());
        if (phases)
            phases->append(t.nsecsElapsed() / 1e6);
        w.show();
        if (!QTest::qWaitForWindowExposed(&w))
            return -1;
        QApplication::processEvents();
        const double ms = t.nsecsElapsed() / 1e6;
        w.close();
        return ms;
    }
}

QStringList latinQueries()
{
    return QStringLiteral("a t s c m p w i o d th co pr in re se ma de st wa the com pro int "
                          "ser mac dat net err que fun cla ret val mod tok pyt lea "
                          "function database machine learning question explain coffee cafe naive resume "
                          "garden history schedule configure kalo terlo quarzeph dramin "
                          "machine~learning server~error python~build the~water cafe~music "
                          "index~search token~model explain~example")
        .split(QLatin1Char(' '), Qt::SkipEmptyParts)
        .replaceInStrings(QStringLiteral("~"), QStringLiteral(" "));
}

QStringList cjkQueries()
{
    return QStringLiteral("的 了 是 人 猫 狗 鱼 龙 山 水 学 机 数 网 京 麒 饕 魍 咖 雪 "
                          "我们 问题 代码 数据 机器 学习 网络 模型 搜索 索引 北京 东京 咖啡 音乐 朋友 麒麟 "
                          "饕餮 天气 器学 据库 "
                          "数据库 机器学习 人工智能 深度学习 自然语言 计算机 互联网 操作系统 编程语言 "
                          "为什么 我们的 学习代码 北京天气 麒麟龙 魑魅魍魉 的人 "
                          "机器~学习 数据~错误 北京~咖啡")
        .split(QLatin1Char(' '), Qt::SkipEmptyParts)
        .replaceInStrings(QStringLiteral("~"), QStringLiteral(" "));
}

void searchFigures(Store &s, const char *label, const QStringList &queries)
{
    QVector<double> times;
    QString slowest;
    double worst = 0;
    int empty = 0;
    for (const QString &q : queries)
        s.search(q, 50); // warm the page cache as a second search would find it
    for (const QString &q : queries) {
        QElapsedTimer t;
        t.start();
        const int n = int(s.search(q, 50).size());
        const double ms = t.nsecsElapsed() / 1e6;
        times << ms;
        if (n == 0)
            ++empty;
        if (ms > worst) {
            worst = ms;
            slowest = q;
        }
    }
    qInfo("(c) search %s: %d queries, p50 %.2f ms, p95 %.2f ms, max %.2f ms (\"%s\"), %d without hits", label,
          int(queries.size()), percentile(times, 0.5), percentile(times, 0.95), worst, qPrintable(slowest),
          empty);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    const QString path = benchPath();
    if (!countsMatch(path)) {
        qInfo("generating %s (%d conversations, %lld messages)...", qPrintable(path), kConversations,
              kMessages);
        if (!generate(path))
            return 1;
    } else {
        qInfo("reusing %s (%.0f MB)", qPrintable(path), QFileInfo(path).size() / 1e6);
    }

    // (a) Each data directory gets its settings once, then starts are timed alternately.
    QTemporaryDir emptyDir;
    QTemporaryDir bigDir;
    if (!QFile::link(QFileInfo(path).absoluteFilePath(),
                     QDir(bigDir.path()).filePath(QStringLiteral("penpal.db"))))
        return 1;
    QVector<double> emptyStarts;
    QVector<double> bigStarts;
    startMs(emptyDir.path());
    startMs(bigDir.path());
    QVector<double> emptyPhases;
    QVector<double> bigPhases;
    for (int i = 0; i < 5; ++i) {
        emptyStarts << startMs(emptyDir.path(), &emptyPhases);
        bigStarts << startMs(bigDir.path(), &bigPhases);
    }
    const double e = percentile(emptyStarts, 0.5);
    const double b = percentile(bigStarts, 0.5);
    qInfo("(a) start to window shown (median of 5): empty %.1f ms, 1M messages %.1f ms, ratio %.2fx (goal <= "
          "1.5x)",
          e, b, b / e);
    auto phase = [](const QVector<double> &v, int which) {
        QVector<double> one;
        for (int i = which; i < v.size(); i += 2)
            one << v.at(i);
        return percentile(one, 0.5);
    };
    qInfo("    context open (store, list model): empty %.1f ms, 1M %.1f ms; window built at %.1f / %.1f ms",
          phase(emptyPhases, 0), phase(bigPhases, 0), phase(emptyPhases, 1), phase(bigPhases, 1));

    // (a) again as a person sees it: the real executable, from launch until it has shown its
    // window (PENPAL_QUIT_AFTER_START), process start-up, Qt, fonts and the database included.
    QVector<double> emptyProcess;
    QVector<double> bigProcess;
    // Whole processes vary more from run to run than the steps above: more of them.
    for (int i = 0; i < 21; ++i) {
        emptyProcess << processStartMs(emptyDir.path());
        bigProcess << processStartMs(bigDir.path());
    }
    const double pe = percentile(emptyProcess, 0.5);
    const double pb = percentile(bigProcess, 0.5);
    qInfo("(a) process start to window shown (median of 21): empty %.1f ms, 1M messages %.1f ms, ratio %.2fx "
          "(goal <= 1.5x)",
          pe, pb, pb / pe);

    Store s;
    if (!s.open(path))
        return 1;
    // (b) The sidebar's model loads its first page when it is created.
    QVector<double> sidebar;
    for (int i = 0; i < 7; ++i) {
        QElapsedTimer t;
        t.start();
        ConversationListModel model(&s);
        const int rows = model.rowCount();
        sidebar << t.nsecsElapsed() / 1e6;
        if (rows == 0)
            return 1;
    }
    qInfo("(b) sidebar first page: median %.2f ms, worst %.2f ms (goal <= 50 ms)", percentile(sidebar, 0.5),
          percentile(sidebar, 1.0));

    // (c)
    const QStringList latin = latinQueries();
    const QStringList cjk = cjkQueries();
    searchFigures(s, "Latin", latin);
    searchFigures(s, "CJK", cjk);
    searchFigures(s, "all", latin + cjk);
    return 0;
}
