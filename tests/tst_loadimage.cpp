// Images in replies are placeholders until the user clicks one: that click fetches exactly
// that image (and nothing else), shows it in place, and failures say why on the placeholder,
// which can then be clicked again. Images that are not on the web offer no load at all.
#include "ChatPane.h"
#include "ChatView.h"
#include "MainWindow.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "model/MessageListModel.h"
#include "render/ImageCache.h"
#include "render/ImagePlaceholder.h"
#include "store/Store.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

constexpr QRgb kColour = 0xff2a9d8f;
const QSize kChartSize(240, 160);

QByteArray png(const QSize &size, QRgb colour)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

bool containsColour(const QImage &image, QRgb colour)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            if ((line[x] & 0xffffff) == (colour & 0xffffff))
                return true;
        }
    }
    return false;
}

Response image(const QByteArray &contentType, const QByteArray &body, int status = 200)
{
    Response r;
    r.status = status;
    r.reason = status == 200 ? "OK" : "Not Found";
    r.headers = {{"Content-Type", contentType}};
    r.body = {{body, 0}};
    return r;
}

} // namespace

class TestLoadImage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void nothingIsFetchedBeforeAClick();
    void clickLoadsThatImageOnly();
    void failureShowsWhyAndCanBeRetried_data();
    void failureShowsWhyAndCanBeRetried();
    void imagesOffTheWebOfferNoLoad();

private:
    static constexpr int kReplyRow = 1;
    QString url(const char *path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_web->port()).arg(QLatin1String(path));
    }
    ChatView *view() const { return m_window->chatPane()->view(); }
    QStringList requestedPaths() const;
    void sync(); // every request sent before now has reached the server

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_web;
    std::unique_ptr<TestHttpServer> m_api;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
    int m_syncs = 0;
};

void TestLoadImage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_web = std::make_unique<TestHttpServer>();
    QVERIFY(m_web->listen());
    for (int i = 0; i < 3; ++i) { // each test clicks at most this often
        m_web->route("GET", "/chart.png", image("image/png", png(kChartSize, kColour)));
        m_web->route("GET", "/missing.png", image("text/html", "<h1>Not here</h1>", 404));
        m_web->route("GET", "/huge.png", image("image/png", QByteArray(11 * 1024 * 1024, 'x')));
        m_web->route("GET", "/page.png", image("text/html", "<html>a web page, not an image</html>"));
    }
    m_api = std::make_unique<TestHttpServer>();
    QVERIFY(m_api->listen());
    m_ctx = makeTestContext(m_dir->path(), m_api->baseUrl());
    QVERIFY(m_ctx);

    Conversation c;
    c.title = QStringLiteral("Pictures");
    const qint64 conversation = m_ctx->store()->createConversation(c);
    Message prompt;
    prompt.conversationId = conversation;
    prompt.role = Role::User;
    prompt.content = QStringLiteral("Draw me a chart");
    const qint64 promptId = m_ctx->store()->addMessage(prompt);
    Message reply;
    reply.conversationId = conversation;
    reply.parentId = promptId;
    reply.role = Role::Assistant;
    reply.content = QStringList{QStringLiteral("Chart: ![chart](%1)").arg(url("/chart.png")),
                                QStringLiteral("Gone: ![gone](%1)").arg(url("/missing.png")),
                                QStringLiteral("Huge: ![huge](%1)").arg(url("/huge.png")),
                                QStringLiteral("Page: ![page](%1)").arg(url("/page.png")),
                                QStringLiteral("Local: ![local](file:///etc/hostname)")}
                        .join(QStringLiteral("\n\n"));
    QVERIFY(m_ctx->store()->addMessage(reply) != 0);

    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->resize(900, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->openConversation(conversation);
    QCOMPARE(m_window->chatPane()->messages()->rowCount(), 2);
    view()->scrollToRow(kReplyRow);
    view()->viewport()->repaint();
    QVERIFY(!view()->rowRect(kReplyRow).isEmpty());
}

void TestLoadImage::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_api.reset();
    m_web.reset();
    m_dir.reset();
}

QStringList TestLoadImage::requestedPaths() const
{
    QStringList paths;
    for (const ReceivedRequest &r : m_web->requests()) {
        if (!r.path.startsWith("/sync-"))
            paths << QString::fromLatin1(r.path);
    }
    return paths;
}

// No fixed waits for a fetch that must not happen: a request of our own reaches the same
// server last; a fetch started earlier would have arrived by then.
void TestLoadImage::sync()
{
    const QByteArray path = "/sync-" + QByteArray::number(++m_syncs);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_web->port());
    QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const auto arrived = [&] {
        const QVector<ReceivedRequest> all = m_web->requests();
        return std::any_of(all.begin(), all.end(), [&](const ReceivedRequest &r) { return r.path == path; });
    };
    QTRY_VERIFY(arrived());
}

void TestLoadImage::nothingIsFetchedBeforeAClick()
{
    // Scrolled, hovered and painted: still nothing.
    const QRect chart = view()->imageRect(kReplyRow, url("/chart.png"));
    QVERIFY(!chart.isEmpty());
    QTest::mouseMove(view()->viewport(), chart.center());
    QTRY_COMPARE(view()->viewport()->cursor().shape(), Qt::PointingHandCursor);
    view()->viewport()->repaint();
    sync();
    QCOMPARE(requestedPaths(), QStringList());
    QVERIFY(!containsColour(view()->viewport()->grab().toImage(), kColour));
}

void TestLoadImage::clickLoadsThatImageOnly()
{
    ImageCache *cache = view()->imageCache();
    const QString chartUrl = url("/chart.png");
    const int before = view()->rowRect(kReplyRow).height();
    const QRect chart = view()->imageRect(kReplyRow, chartUrl);
    QVERIFY(!chart.isEmpty());

    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, chart.center());
    QTRY_COMPARE(cache->state(chartUrl), ImageCache::State::Loaded);
    QCOMPARE(cache->image(chartUrl).size(), kChartSize);
    sync();
    QCOMPARE(requestedPaths(), QStringList{QStringLiteral("/chart.png")});
    const ReceivedRequest request = m_web->requests().first();
    QVERIFY(!request.hasHeader("Cookie"));
    QVERIFY(!request.hasHeader("Authorization"));

    // Shown in place: the row grew by about the picture's height and the picture is on screen.
    view()->scrollToRow(kReplyRow);
    view()->viewport()->repaint();
    const int after = view()->rowRect(kReplyRow).height();
    QVERIFY2(after >= before + kChartSize.height() - 40,
             qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    QVERIFY(containsColour(view()->viewport()->grab().toImage(), kColour));
    // The loaded picture is no longer a "load" target; the other placeholders still are.
    QVERIFY(view()->imageRect(kReplyRow, chartUrl).isEmpty());
    QVERIFY(!view()->imageRect(kReplyRow, url("/missing.png")).isEmpty());
}

void TestLoadImage::failureShowsWhyAndCanBeRetried_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("why");
    QTest::newRow("404") << QStringLiteral("/missing.png") << QStringLiteral("the server answered 404");
    QTest::newRow("too large") << QStringLiteral("/huge.png") << QStringLiteral("larger than 10 MB");
    QTest::newRow("not an image") << QStringLiteral("/page.png") << QStringLiteral("not an image");
}

void TestLoadImage::failureShowsWhyAndCanBeRetried()
{
    QFETCH(QString, path);
    QFETCH(QString, why);
    ImageCache *cache = view()->imageCache();
    const QString imageUrl = url(path.toLatin1().constData());
    for (int attempt = 1; attempt <= 2; ++attempt) {
        const QRect box = view()->imageRect(kReplyRow, imageUrl);
        QVERIFY2(!box.isEmpty(), "the placeholder offers loading (again)");
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, box.center());
        QTRY_COMPARE(cache->state(imageUrl), ImageCache::State::Failed);
        QVERIFY2(cache->error(imageUrl).contains(why), qPrintable(cache->error(imageUrl)));
        sync();
        QCOMPARE(requestedPaths(), QStringList(QVector<QString>(attempt, path).toList()));
    }
    // What the box says.
    QTextCharFormat format;
    format.setProperty(ImagePlaceholder::UrlProperty, imageUrl);
    format.setProperty(ImagePlaceholder::LabelProperty, QStringLiteral("Image from 127.0.0.1"));
    const QString shown = ImagePlaceholder::displayText(format, cache);
    QVERIFY2(shown.contains(QLatin1String("Couldn't load")) && shown.contains(why) &&
                 shown.endsWith(QLatin1String("Try again")),
             qPrintable(shown));
}

void TestLoadImage::imagesOffTheWebOfferNoLoad()
{
    QVERIFY(view()->imageRect(kReplyRow, QStringLiteral("file:///etc/hostname")).isEmpty());
    QTextCharFormat format;
    format.setProperty(ImagePlaceholder::UrlProperty, QStringLiteral("file:///etc/hostname"));
    format.setProperty(ImagePlaceholder::LabelProperty, QStringLiteral("Image: local"));
    QCOMPARE(ImagePlaceholder::displayText(format, view()->imageCache()), QStringLiteral("Image: local"));
    format.setProperty(ImagePlaceholder::UrlProperty, url("/chart.png"));
    QVERIFY(
        ImagePlaceholder::displayText(format, view()->imageCache()).endsWith(QLatin1String("Load image")));
}

QTEST_MAIN(TestLoadImage)
#include "tst_loadimage.moc"
