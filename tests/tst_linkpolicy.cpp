#include "render/LinkPolicy.h"
#include "render/MarkdownRenderer.h"
#include "render/RenderedMessage.h"
#include "render/SafeTextDocument.h"

#include <QFile>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace penpal;

namespace {

QString fixture(const QString &name)
{
    QFile f(QStringLiteral(PENPAL_FIXTURES_DIR "/markdown/") + name);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

struct Anchor {
    QString text;
    QString href;
};

// Every link of a rendered message with its visible text.
QVector<Anchor> anchors(const RenderedMessage &message)
{
    QVector<Anchor> result;
    int lastEnd = -1;
    for (int i = 0; i < message.chunkCount(); ++i) {
        const QTextDocument &doc = *message.chunk(i).doc;
        for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
            for (auto it = b.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                const QTextCharFormat f = fragment.charFormat();
                if (!f.isAnchor())
                    continue;
                // Formatting splits a link into fragments: glue the adjacent pieces back.
                if (!result.isEmpty() && result.last().href == f.anchorHref() &&
                    fragment.position() == lastEnd)
                    result.last().text += fragment.text();
                else
                    result.append({fragment.text(), f.anchorHref()});
                lastEnd = fragment.position() + fragment.length();
            }
        }
        lastEnd = -1;
    }
    return result;
}

} // namespace

class TestLinkPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<QString>("href");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https") << "https://example.com/a?b=c#d" << true;
        QTest::newRow("http") << "http://example.com" << true;
        QTest::newRow("upper-case scheme") << "HTTPS://EXAMPLE.COM" << true;
        QTest::newRow("mailto") << "mailto:someone@example.com" << true;
        QTest::newRow("blanks around") << "  https://example.com  " << true;
        QTest::newRow("file") << "file:///etc/passwd" << false;
        QTest::newRow("javascript") << "javascript:alert(1)" << false;
        QTest::newRow("JavaScript mixed case") << "JaVaScRiPt:alert(1)" << false;
        QTest::newRow("javascript with tab") << "java\tscript:alert(1)" << false;
        QTest::newRow("data") << "data:text/html,<script>alert(1)</script>" << false;
        QTest::newRow("vbscript") << "vbscript:msgbox" << false;
        QTest::newRow("custom scheme") << "myapp://do-something" << false;
        QTest::newRow("ftp") << "ftp://example.com/file" << false;
        QTest::newRow("relative path") << "docs/readme.md" << false;
        QTest::newRow("absolute path") << "/etc/passwd" << false;
        QTest::newRow("scheme-relative") << "//evil.example/x" << false;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("http without host") << "http:///path" << false;
        QTest::newRow("empty mailto") << "mailto:" << false;
    }

    void classify()
    {
        QFETCH(QString, href);
        QFETCH(bool, allowed);
        QCOMPARE(LinkPolicy::classify(href) == LinkPolicy::Action::OpenAllowed, allowed);
    }

    void needsConfirmation_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("href");
        QTest::addColumn<bool>("confirm");
        QTest::newRow("same url") << "https://example.com/x"
                                  << "https://example.com/x" << false;
        QTest::newRow("trailing slash") << "https://example.com/"
                                        << "https://example.com" << false;
        QTest::newRow("host case") << "https://Example.COM/x"
                                   << "https://example.com/x" << false;
        QTest::newRow("no scheme in text") << "www.example.org/path"
                                           << "http://www.example.org/path" << false;
        QTest::newRow("no scheme, https target") << "example.org"
                                                 << "https://example.org" << false;
        QTest::newRow("mail address") << "someone@example.com"
                                      << "mailto:someone@example.com" << false;
        QTest::newRow("words") << "click here"
                               << "https://example.com" << true;
        QTest::newRow("other url") << "https://good.example"
                                   << "https://evil.example" << true;
        QTest::newRow("other path") << "https://example.com/a"
                                    << "https://example.com/b" << true;
        QTest::newRow("scheme downgrade") << "https://example.com"
                                          << "http://example.com" << true;
        QTest::newRow("credentials") << "https://bank.example@evil.example"
                                     << "https://bank.example@evil.example" << true;
        QTest::newRow("empty text") << ""
                                    << "https://example.com" << true;
    }

    void needsConfirmation()
    {
        QFETCH(QString, text);
        QFETCH(QString, href);
        QFETCH(bool, confirm);
        QCOMPARE(LinkPolicy::needsConfirmation(text, href), confirm);
    }

    void displayUrlShowsPunycode()
    {
        // A Cyrillic "а" in "exаmple" looks like Latin "a": the prompt must not hide that.
        const QUrl url(QStringLiteral("https://ex\u0430mple.com/login"));
        QVERIFY(LinkPolicy::displayUrl(url).contains(QLatin1String("xn--")));
        QVERIFY(LinkPolicy::imageHost(url).startsWith(QLatin1String("xn--")));
    }

    void imageHost_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::newRow("https") << "https://Images.Example.NET/a.png"
                               << "images.example.net";
        QTest::newRow("http") << "http://example.com/a.png"
                              << "example.com";
        QTest::newRow("file") << "file:///tmp/a.png"
                              << "";
        QTest::newRow("relative") << "a.png"
                                  << "";
        QTest::newRow("data") << "data:image/png;base64,AAAA"
                              << "";
    }

    void imageHost()
    {
        QFETCH(QString, url);
        QFETCH(QString, host);
        QCOMPARE(LinkPolicy::imageHost(QUrl(url)), host);
    }

    // The renderer's placeholders and plain QTextImageFormat images are both found.
    void imagesInDocuments()
    {
        const QString md = fixture(QStringLiteral("links_images.md"));
        QVERIFY(!md.isEmpty());
        RenderedMessage message(std::make_shared<MarkdownRenderer>());
        message.setText(md);
        const QVector<ImageReference> images = message.images();
        QCOMPARE(images.size(), 4);
        QCOMPARE(images.at(0).url, QStringLiteral("https://images.example.net/chart.png"));
        QCOMPARE(images.at(0).host, QStringLiteral("images.example.net"));
        QCOMPARE(images.at(0).altText, QStringLiteral("A chart"));
        QCOMPARE(images.at(1).url, QStringLiteral("pixel.png"));
        QCOMPARE(images.at(1).host, QString());
        QCOMPARE(images.at(2).url, QStringLiteral("file:///tmp/pixel.png"));
        QCOMPARE(images.at(2).host, QString());
        QCOMPARE(images.at(3).host, QStringLiteral("img.example.com"));
        for (const ImageReference &ref : images)
            QVERIFY(ref.position >= 0 && ref.position < message.positionCount());

        SafeTextDocument raw;
        raw.setSafeMarkdown(QStringLiteral("![x](https://a.example/x.png) and ![y](y.png)"));
        const QVector<ImageReference> rawImages = LinkPolicy::images(raw);
        QCOMPARE(rawImages.size(), 2);
        QCOMPARE(rawImages.at(0).host, QStringLiteral("a.example"));
        QCOMPARE(rawImages.at(1).url, QStringLiteral("y.png"));
    }

    // Every link of the adversarial fixture: only web and mail links may open, and the
    // misleading ones need confirmation.
    void renderedLinks()
    {
        RenderedMessage message(std::make_shared<MarkdownRenderer>());
        message.setText(fixture(QStringLiteral("links_images.md")));
        const QVector<Anchor> links = anchors(message);
        QStringList allowed;
        QStringList confirm;
        for (const Anchor &a : links) {
            if (LinkPolicy::classify(a.href) == LinkPolicy::Action::OpenAllowed) {
                allowed.append(a.href);
                if (LinkPolicy::needsConfirmation(a.text, a.href))
                    confirm.append(a.href);
            }
        }
        QVERIFY2(links.size() >= 9, qPrintable(QString::number(links.size())));
        QVERIFY(allowed.contains(QStringLiteral("https://example.com")));
        QVERIFY(allowed.contains(QStringLiteral("https://evil.example/phish")));
        QVERIFY(allowed.contains(QStringLiteral("mailto:someone@example.com")));
        for (const QString &href : std::as_const(allowed)) {
            QVERIFY2(href.startsWith(QLatin1String("http")) || href.startsWith(QLatin1String("mailto:")),
                     qPrintable(href));
        }
        QVERIFY(confirm.contains(QStringLiteral("https://evil.example/phish")));
        QVERIFY(!confirm.contains(QStringLiteral("https://example.com")));
    }
};

QTEST_MAIN(TestLinkPolicy)
#include "tst_linkpolicy.moc"
