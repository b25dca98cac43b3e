// Model output is untrusted. A reply full of adversarial Markdown (remote, local, data: and raw
// HTML images; links whose text lies about their target; file:, javascript:, data: and custom
// scheme links) is shown in the real window, scrolled through and clicked, while a loopback web
// server counts every request and every hand-off to the desktop is recorded instead of opened:
// nothing is fetched, no local file is read, and nothing opens without the user's consent.
#include "ChatPane.h"
#include "ChatView.h"
#include "MainWindow.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "model/MessageListModel.h"
#include "render/ImagePlaceholder.h"
#include "render/LinkPolicy.h"
#include "store/Store.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDesktopServices>
#include <QLabel>
#include <QMessageBox>
#include <QPaintEngine>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>

using namespace penpal;
using namespace penpal::test;

// Stands in for the system browser and mailer: registered for every scheme a reply contains, so
// nothing really opens and every attempt to open something is seen.
class OpenRecorder : public QObject {
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

namespace {

const QStringList kSchemes{QStringLiteral("http"),   QStringLiteral("https"),      QStringLiteral("file"),
                           QStringLiteral("mailto"), QStringLiteral("javascript"), QStringLiteral("data"),
                           QStringLiteral("myapp")};

// Colours no text or placeholder is drawn in: if one shows up on screen, an image was loaded.
constexpr QRgb kServedColour = 0xffa513f7; // what the web server would answer for an image
constexpr QRgb kLocalColour = 0xff13f7a5;  // a picture in a local file
constexpr QRgb kDataColour = 0xfff71394;   // a data: URL picture
const QSize kImageSize(37, 23);

QImage solidImage(QRgb colour)
{
    QImage image(kImageSize, QImage::Format_RGB32);
    image.fill(colour);
    return image;
}

QByteArray png(QRgb colour)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    solidImage(colour).save(&buffer, "PNG");
    return bytes;
}

bool containsColour(const QImage &image, QRgb colour)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            if (qRgb(qRed(line[x]), qGreen(line[x]), qBlue(line[x])) ==
                qRgb(qRed(colour), qGreen(colour), qBlue(colour)))
                return true;
        }
    }
    return false;
}

// What a paint draws, as text runs and images rather than pixels: placeholders show words
// ("Image from 127.0.0.1"), which a screenshot cannot be asked for.
struct PaintLog {
    QStringList texts;
    QVector<QImage> images;
};

class RecordingEngine : public QPaintEngine {
public:
    explicit RecordingEngine(PaintLog *log)
        : QPaintEngine(QPaintEngine::AllFeatures)
        , m_log(log)
    {
    }
    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState &) override {}
    void drawPath(const QPainterPath &) override {}
    void drawPolygon(const QPointF *, int, PolygonDrawMode) override {}
    void drawTextItem(const QPointF &, const QTextItem &item) override { m_log->texts.append(item.text()); }
    void drawPixmap(const QRectF &, const QPixmap &pm, const QRectF &) override
    {
        m_log->images.append(pm.toImage());
    }
    void drawTiledPixmap(const QRectF &, const QPixmap &pm, const QPointF &) override
    {
        m_log->images.append(pm.toImage());
    }
    void drawImage(const QRectF &, const QImage &image, const QRectF &, Qt::ImageConversionFlags) override
    {
        m_log->images.append(image);
    }
    Type type() const override { return QPaintEngine::User; }

private:
    PaintLog *m_log;
};

// A paint device that only records what is drawn on it.
class RecordingDevice : public QPaintDevice {
public:
    RecordingDevice(const QSize &size, PaintLog *log)
        : m_size(size)
        , m_engine(log)
    {
    }
    QPaintEngine *paintEngine() const override { return &m_engine; }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmWidthMM:
            return m_size.width() * 254 / 960;
        case PdmHeightMM:
            return m_size.height() * 254 / 960;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96;
        case PdmDepth:
            return 32;
        case PdmNumColors:
            return INT_MAX;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(devicePixelRatioFScale());
        }
        return 0;
    }

private:
    QSize m_size;
    mutable RecordingEngine m_engine;
};

// Watches for a modal dialog while a click runs it (exec() keeps the event loop going) and
// hands it to `answer`; a dialog nobody expected is closed so that the test cannot hang.
class ModalWatcher {
public:
    explicit ModalWatcher(std::function<void(QWidget *)> answer = {})
        : m_answer(std::move(answer))
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal || !modal->isVisible())
                return;
            ++m_seen;
            if (m_answer)
                m_answer(modal);
            if (modal->isVisible())
                modal->close();
        });
        m_timer.start();
    }
    int seen() const { return m_seen; }

private:
    std::function<void(QWidget *)> m_answer;
    QTimer m_timer;
    int m_seen = 0;
};

enum Outcome { Refused, OpensDirectly, OpensAfterConfirmation };

} // namespace

class TestLinkSafety : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void imagesAreNeitherFetchedNorRead();
    void rawHtmlStaysText();
    void clickLinks_data();
    void clickLinks();

private:
    static constexpr int kReplyRow = 1;
    QString web() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_web->port()); }
    QString adversarialMarkdown() const;
    ChatView *view() const { return m_window->chatPane()->view(); }
    QPoint scrollToLink(const QString &href);
    void expectNoFetches();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_web; // the "internet": every request counts
    std::unique_ptr<TestHttpServer> m_api; // the profile's LLM server, kept apart from the count
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
    OpenRecorder m_opened;
    QString m_localImage;
    int m_canaries = 0;
};

QString TestLinkSafety::adversarialMarkdown() const
{
    const QString local = QUrl::fromLocalFile(m_localImage).toString();
    const QString filler = QStringLiteral(
        "Some ordinary prose in between, long enough to wrap over a couple of lines in the view so "
        "that the reply is taller than the window and has to be scrolled through.");
    QStringList parts{
        QStringLiteral("Here is the chart you asked for:"),
        QStringLiteral("Chart: ![x](%1/pixel.png)").arg(web()),
        QStringLiteral("On disk: ![y](file:///etc/hostname), ![mine](%1) and ![abs](%2).")
            .arg(local, m_localImage),
        QStringLiteral("By reference: ![ref][pic]"),
        QStringLiteral("Raw HTML: <img src=\"%1/html.png\"> and <img src=\"%2\">").arg(web(), local),
        QStringLiteral("Inline data: ![d](data:image/png;base64,%1)")
            .arg(QString::fromLatin1(png(kDataColour).toBase64())),
    };
    for (int i = 0; i < 5; ++i)
        parts << filler;
    parts << QStringLiteral("Read more at [https://good.example](%1/phish) or [click](javascript:alert(1)).")
                 .arg(web());
    for (int i = 0; i < 5; ++i)
        parts << filler;
    parts << QStringLiteral(
        "Your files: [file](file:///etc/passwd), [data](data:text/html,hi), [custom](myapp://x).");
    for (int i = 0; i < 5; ++i)
        parts << filler;
    parts << QStringLiteral("Plain: <%1/auto>, [mail](mailto:a@b.c) or <someone@example.org>.").arg(web());
    for (int i = 0; i < 3; ++i)
        parts << filler;
    parts
        << QStringLiteral(
               "Tricks: <http://user@127.0.0.1:%1/creds>, [**%2/bold**](%2/bold), [x](JaVaScRiPt:alert(2)), "
               "[y](<java&#9;script:alert(3)>) and [![logo](%2/logo.png)](%2/img-link).")
               .arg(QString::number(m_web->port()), web());
    parts << QStringLiteral("Escapes: <%1/a%20b?q=1&r=%C3%A9>.").arg(web());
    parts << QStringLiteral("[pic]: %1/ref.png").arg(web());
    return parts.join(QStringLiteral("\n\n"));
}

void TestLinkSafety::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_web = std::make_unique<TestHttpServer>();
    QVERIFY(m_web->listen());
    // Were anything to fetch an image, it would get a real one and show it.
    for (const QByteArray path : {"/pixel.png", "/ref.png", "/html.png", "/logo.png"}) {
        Response r;
        r.headers = {{"Content-Type", "image/png"}};
        r.body = {{png(kServedColour), 0}};
        m_web->route("GET", path, r);
    }
    m_api = std::make_unique<TestHttpServer>();
    QVERIFY(m_api->listen());
    m_localImage = m_dir->filePath(QStringLiteral("local.png"));
    QVERIFY(solidImage(kLocalColour).save(m_localImage));

    m_ctx = makeTestContext(m_dir->path(), m_api->baseUrl());
    QVERIFY(m_ctx);
    Conversation c;
    c.title = QStringLiteral("Links");
    const qint64 conversation = m_ctx->store()->createConversation(c);
    QVERIFY(conversation != 0);
    Message prompt;
    prompt.conversationId = conversation;
    prompt.role = Role::User;
    prompt.content = QStringLiteral("Show me the chart");
    const qint64 promptId = m_ctx->store()->addMessage(prompt);
    QVERIFY(promptId != 0);
    Message reply;
    reply.conversationId = conversation;
    reply.parentId = promptId;
    reply.role = Role::Assistant;
    reply.content = adversarialMarkdown();
    QVERIFY(m_ctx->store()->addMessage(reply) != 0);

    m_opened.urls.clear();
    m_canaries = 0;
    for (const QString &scheme : kSchemes)
        QDesktopServices::setUrlHandler(scheme, &m_opened, "open");

    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->resize(900, 640);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->openConversation(conversation);
    QCOMPARE(m_window->chatPane()->messages()->rowCount(), 2);
    view()->viewport()->repaint();
    QVERIFY(!view()->rowRect(kReplyRow).isEmpty());
}

void TestLinkSafety::cleanup()
{
    for (const QString &scheme : kSchemes)
        QDesktopServices::unsetUrlHandler(scheme);
    m_window.reset();
    m_ctx.reset();
    m_api.reset();
    m_web.reset();
    m_dir.reset();
}

// Nothing waits a fixed time for a fetch that must not happen: a request of our own goes to the
// same server last, and once it has been counted a fetch started earlier would have been
// counted too. Ours must be the only requests the server ever saw (they also show that it
// counts requests for any path).
void TestLinkSafety::expectNoFetches()
{
    const QByteArray canary = "/canary-" + QByteArray::number(++m_canaries);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_web->port());
    QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
    socket.write("GET " + canary + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const auto arrived = [&] {
        for (const ReceivedRequest &r : m_web->requests()) {
            if (r.path == canary)
                return true;
        }
        return false;
    };
    QTRY_VERIFY(arrived());
    QTRY_VERIFY(socket.bytesAvailable() > 0 || socket.state() != QAbstractSocket::ConnectedState);
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 404")); // unknown paths are answered, and counted
    for (const ReceivedRequest &r : m_web->requests())
        QVERIFY2(r.path.startsWith("/canary-"), r.method + ' ' + r.path);
    QCOMPARE(m_web->requests().size(), m_canaries);
}

// Brings the link on screen, scrolling down from the top of the reply, and returns the middle
// of where a click opens it; a null point when the reply has no such link.
QPoint TestLinkSafety::scrollToLink(const QString &href)
{
    ChatView *v = view();
    v->scrollToRow(kReplyRow);
    for (int screen = 0; screen < 50; ++screen) {
        v->viewport()->repaint();
        const QRect r = v->linkRect(kReplyRow, href);
        if (!r.isEmpty())
            return r.center();
        if (v->isAtBottom())
            break;
        QTest::keyClick(v, Qt::Key_PageDown);
    }
    return {};
}

void TestLinkSafety::imagesAreNeitherFetchedNorRead()
{
    // The probes can see a loaded image: a plain QTextDocument does read the local file and
    // decode the data: URL, and its picture shows their colours. The view must never do so.
    {
        QTextDocument plain;
        plain.setMarkdown(QStringLiteral("![mine](%1) ![d](data:image/png;base64,%2)")
                              .arg(QUrl::fromLocalFile(m_localImage).toString(),
                                   QString::fromLatin1(png(kDataColour).toBase64())));
        QImage canvas(400, 100, QImage::Format_RGB32);
        canvas.fill(Qt::white);
        QPainter painter(&canvas);
        plain.drawContents(&painter);
        painter.end();
        QVERIFY(containsColour(canvas, kLocalColour));
        QVERIFY(containsColour(canvas, kDataColour));
    }

    ChatView *v = view();
    PaintLog log;
    RecordingDevice device(v->viewport()->size(), &log);
    v->scrollToRow(0);
    int screens = 0;
    for (;;) {
        v->viewport()->repaint();
        const QImage shot = v->viewport()->grab().toImage();
        QVERIFY2(!containsColour(shot, kServedColour), "an image was fetched from the web server");
        QVERIFY2(!containsColour(shot, kLocalColour), "an image was read from a local file");
        QVERIFY2(!containsColour(shot, kDataColour), "a data: image was decoded");
        // Between frames the view caches messages as pictures, which hold no words. A style
        // change makes it lay out and draw every message anew: recorded right then.
        QTRY_VERIFY(!v->isPrefetching());
        const QFont font = v->font();
        QFont other = font;
        other.setItalic(!font.italic());
        v->setFont(other);
        v->setFont(font);
        v->viewport()->render(&device);
        ++screens;
        if (v->isAtBottom())
            break;
        QVERIFY(screens < 100);
        QTest::keyClick(v, Qt::Key_PageDown);
    }
    QVERIFY2(screens >= 2, "the reply should be taller than the window, so that this scrolled");

    // The view drew placeholders that say where an image would come from: the host for web
    // images, the alt text for anything else (a local path is never shown as if it were a host).
    const QString drawn = log.texts.join(QString());
    const QString fromWeb = ImagePlaceholder::labelFor(QStringLiteral("127.0.0.1"), QString());
    const auto alt = [](const char *text) {
        return ImagePlaceholder::labelFor(QString(), QLatin1String(text));
    };
    QVERIFY2(drawn.contains(QStringLiteral("Chart: ") + fromWeb), qPrintable(drawn));
    QVERIFY2(drawn.contains(QStringLiteral("On disk: %1, %2 and %3.").arg(alt("y"), alt("mine"), alt("abs"))),
             qPrintable(drawn));
    QVERIFY2(drawn.contains(QStringLiteral("Inline data: ") + alt("d")), qPrintable(drawn));
    QVERIFY2(drawn.contains(QStringLiteral("By reference: ") + fromWeb), qPrintable(drawn));
    for (const QImage &image : std::as_const(log.images)) {
        QVERIFY(image.size() != kImageSize);
        QVERIFY(!containsColour(image, kLocalColour));
        QVERIFY(!containsColour(image, kServedColour));
        QVERIFY(!containsColour(image, kDataColour));
    }
    QVERIFY(m_opened.urls.isEmpty());
    expectNoFetches();
}

// Raw HTML is off: an <img> tag in a reply is shown as the text it is, not as an image.
void TestLinkSafety::rawHtmlStaysText()
{
    ChatView *v = view();
    v->scrollToBottom();
    v->viewport()->repaint();
    const QRect copy = v->actionRect(kReplyRow, ChatView::Action::Copy);
    QVERIFY(!copy.isEmpty());
    QApplication::clipboard()->clear();
    QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, copy.center());
    const QString text = QApplication::clipboard()->text();
    QVERIFY2(text.contains(QStringLiteral("<img src=\"%1/html.png\">").arg(web())), qPrintable(text));
    QVERIFY(
        text.contains(QStringLiteral("<img src=\"%1\">").arg(QUrl::fromLocalFile(m_localImage).toString())));
    expectNoFetches();
}

void TestLinkSafety::clickLinks_data()
{
    // "{web}" stands for the web server's address, "{port}" for its port.
    QTest::addColumn<QString>("href");
    QTest::addColumn<QString>("text"); // what the reply shows
    QTest::addColumn<int>("outcome");
    QTest::newRow("text names another site")
        << QStringLiteral("{web}/phish") << QStringLiteral("https://good.example")
        << int(OpensAfterConfirmation);
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << QStringLiteral("click")
                                << int(Refused);
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << QStringLiteral("file") << int(Refused);
    QTest::newRow("data") << QStringLiteral("data:text/html,hi") << QStringLiteral("data") << int(Refused);
    QTest::newRow("custom scheme") << QStringLiteral("myapp://x") << QStringLiteral("custom") << int(Refused);
    QTest::newRow("autolink") << QStringLiteral("{web}/auto") << QStringLiteral("{web}/auto")
                              << int(OpensDirectly);
    QTest::newRow("mailto with other text")
        << QStringLiteral("mailto:a@b.c") << QStringLiteral("mail") << int(OpensAfterConfirmation);
    QTest::newRow("credentials in an autolink")
        << QStringLiteral("http://user@127.0.0.1:{port}/creds")
        << QStringLiteral("http://user@127.0.0.1:{port}/creds") << int(OpensAfterConfirmation);
    QTest::newRow("bold text that is the address")
        << QStringLiteral("{web}/bold") << QStringLiteral("{web}/bold") << int(OpensDirectly);
    QTest::newRow("mixed-case javascript")
        << QStringLiteral("JaVaScRiPt:alert(2)") << QStringLiteral("x") << int(Refused);
    // Qt's Markdown import keeps the entity as written; still no scheme that may open.
    QTest::newRow("entity in the scheme")
        << QStringLiteral("java&#9;script:alert(3)") << QStringLiteral("y") << int(Refused);
    QTest::newRow("autolink with escapes")
        << QStringLiteral("{web}/a%20b?q=1&r=%C3%A9") << QStringLiteral("{web}/a%20b?q=1&r=%C3%A9")
        << int(OpensDirectly);
    QTest::newRow("mail autolink") << QStringLiteral("mailto:someone@example.org")
                                   << QStringLiteral("someone@example.org") << int(OpensDirectly);
}

void TestLinkSafety::clickLinks()
{
    QFETCH(QString, href);
    QFETCH(QString, text);
    QFETCH(int, outcome);
    for (QString *s : {&href, &text}) {
        s->replace(QLatin1String("{web}"), web());
        s->replace(QLatin1String("{port}"), QString::number(m_web->port()));
    }
    ChatView *v = view();
    QSignalSpy activated(v, &ChatView::linkActivated);
    auto *notice = m_window->findChild<QLabel *>(QStringLiteral("chatNotice"));
    QVERIFY(notice);

    const QPoint at = scrollToLink(href);
    QVERIFY2(!at.isNull(), qPrintable(QStringLiteral("no link to %1 on screen").arg(href)));
    // Hovering shows where the link really goes, whatever its text says.
    QTest::mouseMove(v->viewport(), at);
    QTRY_COMPARE(v->toolTip(), href);
    QCOMPARE(v->viewport()->cursor().shape(), Qt::PointingHandCursor);

    if (outcome == Refused) {
        ModalWatcher watcher;
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(watcher.seen(), 0); // not even offered
        QVERIFY(m_opened.urls.isEmpty());
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(QLatin1String("not opened")), qPrintable(notice->text()));
    } else if (outcome == OpensDirectly) {
        ModalWatcher watcher;
        QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(watcher.seen(), 0);
        QCOMPARE(m_opened.urls, QList<QUrl>{QUrl(href)});
        QVERIFY(!notice->isVisible());
    } else {
        // Enter (Cancel is the default button) and Cancel leave it closed; only Open opens it.
        for (int attempt = 0; attempt < 3; ++attempt) {
            QString name;
            QString shown;
            ModalWatcher watcher([&](QWidget *modal) {
                name = modal->objectName();
                auto *box = qobject_cast<QMessageBox *>(modal);
                shown = box ? box->text() : QString();
                if (attempt == 0) {
                    QTest::keyClick(modal, Qt::Key_Return);
                } else if (attempt == 1) {
                    if (QAbstractButton *cancel = box ? box->button(QMessageBox::Cancel) : nullptr)
                        QTest::mouseClick(cancel, Qt::LeftButton);
                } else if (auto *open =
                               modal->findChild<QPushButton *>(QStringLiteral("confirmOpenLinkButton"))) {
                    QTest::mouseClick(open, Qt::LeftButton);
                }
            });
            QTest::mouseClick(v->viewport(), Qt::LeftButton, {}, at);
            QCOMPARE(watcher.seen(), 1);
            QCOMPARE(name, QStringLiteral("confirmOpenLinkDialog"));
            QVERIFY2(shown.contains(LinkPolicy::displayUrl(QUrl(href))), qPrintable(shown));
            QCOMPARE(m_opened.urls.size(), attempt == 2 ? 1 : 0);
        }
        QCOMPARE(m_opened.urls.first(), QUrl(href));
        QVERIFY(!notice->isVisible());
    }
    // Every click reached the pane with the link's real target and its visible text.
    QCOMPARE(activated.size(), outcome == OpensAfterConfirmation ? 3 : 1);
    for (const QList<QVariant> &args : std::as_const(activated)) {
        QCOMPARE(args.at(0).toUrl(), QUrl(href));
        QCOMPARE(args.at(1).toString(), text);
    }
    // Opening hands the address to the browser: the app itself fetched nothing.
    expectNoFetches();
}

QTEST_MAIN(TestLinkSafety)
#include "tst_linksafety.moc"
