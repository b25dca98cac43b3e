// Keeps Settings → Privacy honest ("no telemetry, no update checks, nothing but your
// providers"): every http(s) URL in a string literal of app/ and ui/ must name a host of the
// allow-list below (provider presets, loopback, placeholders, XML namespaces). A new host
// fails here until someone decides, in review, that it belongs.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QtTest>

namespace {

// Why each is here. Adding a host means Penpal may talk to it: say so in Settings → Privacy.
const QSet<QString> kAllowedHosts = {
    // Provider presets (app/net/ProviderPresets.cpp): only used once the user picks one.
    QStringLiteral("api.openai.com"),
    QStringLiteral("api.anthropic.com"),
    QStringLiteral("api.deepseek.com"),
    QStringLiteral("openrouter.ai"),
    QStringLiteral("api.groq.com"),
    QStringLiteral("api.mistral.ai"),
    QStringLiteral("generativelanguage.googleapis.com"),
    // Local servers (Ollama, LM Studio, llama.cpp, vLLM presets).
    QStringLiteral("localhost"),
    QStringLiteral("127.0.0.1"),
    // Placeholders shown in empty fields, never requested.
    QStringLiteral("your-resource.openai.azure.com"),
    QStringLiteral("api.example.com"),
    // XML namespace names in exported XHTML/ODT: identifiers, never fetched.
    QStringLiteral("www.w3.org"),
};

// The string literals of C++ source (ordinary and raw), without comments and char literals.
QStringList stringLiterals(const QString &src)
{
    QStringList out;
    const int n = int(src.size());
    int i = 0;
    while (i < n) {
        const QChar c = src.at(i);
        if (c == QLatin1Char('/') && i + 1 < n && src.at(i + 1) == QLatin1Char('/')) {
            i = src.indexOf(QLatin1Char('\n'), i);
            if (i < 0)
                break;
        } else if (c == QLatin1Char('/') && i + 1 < n && src.at(i + 1) == QLatin1Char('*')) {
            i = src.indexOf(QLatin1String("*/"), i + 2);
            if (i < 0)
                break;
            i += 2;
        } else if (c == QLatin1Char('R') && i + 1 < n && src.at(i + 1) == QLatin1Char('"') &&
                   (i == 0 || !src.at(i - 1).isLetterOrNumber())) {
            const int open = src.indexOf(QLatin1Char('('), i + 2);
            if (open < 0)
                break;
            const QString close = QLatin1Char(')') + src.mid(i + 2, open - i - 2) + QLatin1Char('"');
            const int end = src.indexOf(close, open + 1);
            if (end < 0)
                break;
            out << src.mid(open + 1, end - open - 1);
            i = end + int(close.size());
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            int j = i + 1;
            while (j < n && src.at(j) != c && src.at(j) != QLatin1Char('\n'))
                j += src.at(j) == QLatin1Char('\\') ? 2 : 1;
            if (c == QLatin1Char('"'))
                out << src.mid(i + 1, j - i - 1);
            i = j + 1;
        } else {
            ++i;
        }
    }
    return out;
}

QStringList hostsIn(const QString &src)
{
    static const QRegularExpression url(QStringLiteral("https?://[^\\s\"'<>\\\\)]+"),
                                        QRegularExpression::CaseInsensitiveOption);
    QStringList hosts;
    for (const QString &literal : stringLiterals(src)) {
        for (auto it = url.globalMatch(literal); it.hasNext();) {
            const QString found = it.next().captured(0);
            const QUrl u(found);
            hosts << (u.host().isEmpty() ? found : u.host().toLower());
        }
    }
    return hosts;
}

} // namespace

class TestNetworkHosts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scannerFindsHosts_data();
    void scannerFindsHosts();
    void onlyAllowedHosts();
};

void TestNetworkHosts::scannerFindsHosts_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("hosts");
    QTest::newRow("literal") << QStringLiteral(
                                    "auto u = QUrl(\"https://telemetry.example.net/collect?id=1\");")
                             << QStringList{"telemetry.example.net"};
    QTest::newRow("two, http") << QStringLiteral("f(\"see http://a.test:8080/x and https://B.test\");")
                               << QStringList{"a.test", "b.test"};
    QTest::newRow("raw string") << QStringLiteral("R\"x(<a href=\"https://raw.test/\">)x\"")
                                << QStringList{"raw.test"};
    QTest::newRow("comments are not requests")
        << QStringLiteral("// https://line.test\n/* \"https://block.test\" */ int x = '\"';")
        << QStringList{};
    QTest::newRow("escaped quote") << QStringLiteral("s = \"a \\\"q\\\" https://esc.test/\";")
                                   << QStringList{"esc.test"};
}

void TestNetworkHosts::scannerFindsHosts()
{
    QFETCH(QString, source);
    QFETCH(QStringList, hosts);
    QCOMPARE(hostsIn(source), hosts);
}

void TestNetworkHosts::onlyAllowedHosts()
{
    // The sources sit two folders above the fixtures.
    QDir root(QStringLiteral(PENPAL_FIXTURES_DIR));
    QVERIFY(root.cdUp() && root.cdUp());
    int files = 0;
    QStringList offending;
    for (const char *folder : {"app", "ui"}) {
        QVERIFY2(root.exists(QLatin1String(folder)), folder);
        QDirIterator it(root.filePath(QLatin1String(folder)),
                        {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            ++files;
            for (const QString &host : hostsIn(QString::fromUtf8(f.readAll()))) {
                if (!kAllowedHosts.contains(host))
                    offending << QStringLiteral("%1: %2").arg(root.relativeFilePath(path), host);
            }
        }
    }
    QVERIFY2(files > 100, "the sources were not found");
    QVERIFY2(offending.isEmpty(), qPrintable(offending.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestNetworkHosts)
#include "tst_networkhosts.moc"
