// The Translate workspace on the offscreen platform against a loopback OpenAI-compatible
// server that "translates" by upper-casing: detection, streaming result in order, alignment,
// failed part retried, glossary and preservation marks, Ctrl+Enter, open and save.
#include "ChatPane.h"
#include "MainWindow.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "TranslationRequests.h"
#include "TranslateView.h"
#include "store/Store.h"
#include "translate/Glossary.h"
#include "translate/TranslateController.h"
#include "translate/TranslationRun.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {

const QString kGerman = QStringLiteral(
    "Der Ausschuss trifft sich nächste Woche erneut, um über den Haushalt zu beraten.\n\n"
    "Wer sprechen möchte, sollte dem Sekretariat bis Freitag eine kurze Nachricht schicken.\n\n"
    "Die Sitzung beginnt um 10 Uhr im großen Saal der Bibliothek.");

} // namespace

class TestTranslateView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void detectsTheSourceLanguage();
    void translatesInOrderAndAligns();
    void failedPartIsMarkedAndRetried();
    void glossaryAndPreservationMarks();
    void openAndSaveNextToTheFile();
    void ctrlTSwitchesTheWindow();

private:
    template<typename T> T *child(const char *name) const
    {
        T *w = m_view->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }
    QString upper(const QString &s) const { return s.toUpper(); }

    QTemporaryDir *m_dir = nullptr;
    TestHttpServer *m_server = nullptr;
    std::unique_ptr<AppContext> m_ctx;
    TranslateView *m_view = nullptr;
    QSet<QString> m_fail;
    QHash<QString, QString> m_override; // source -> answer
};

void TestTranslateView::init()
{
    m_dir = new QTemporaryDir;
    m_server = new TestHttpServer;
    QVERIFY(m_server->listen());
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    m_fail.clear();
    m_override.clear();
    m_server->setResponder([this](const ReceivedRequest &r) {
        const QString source = translationSource(r);
        if (m_fail.contains(source))
            return Response::json(503, R"({"error":{"message":"busy","type":"server_error"}})");
        const QString answer = m_override.value(source, source.toUpper());
        return Response::sse(openAiStream({answer.left(5), answer.mid(5)}));
    });
    m_view = new TranslateView(m_ctx.get());
    m_view->controller()->setChunkTokens(30); // one paragraph per part
    m_view->resize(900, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestTranslateView::cleanup()
{
    delete m_view;
    m_ctx.reset();
    delete m_server;
    delete m_dir;
}

void TestTranslateView::detectsTheSourceLanguage()
{
    auto *source = child<QPlainTextEdit>("sourceText");
    QVERIFY(source);
    source->setFocus();
    // Pasted, as most text to translate arrives (QTest::keyClicks types ASCII only).
    source->insertPlainText(
        QStringLiteral("Le comité se réunira de nouveau la semaine prochaine pour discuter du budget."));
    QTRY_COMPARE(m_view->detectedLanguage(), QStringLiteral("fr"));
    QTRY_VERIFY(
        child<QLabel>("detectedLanguage")->text().contains(QStringLiteral("Français"), Qt::CaseInsensitive));
}

void TestTranslateView::translatesInOrderAndAligns()
{
    m_view->setSourceText(kGerman);
    m_view->setTargetLanguage(QStringLiteral("en"));
    auto *source = child<QPlainTextEdit>("sourceText");
    source->setFocus();
    QTest::keyClick(source, Qt::Key_Return, Qt::ControlModifier); // Ctrl+Enter translates
    QVERIFY(m_view->controller()->run());
    QTRY_VERIFY(!m_view->controller()->run()->isActive());
    QTRY_COMPARE(child<QPlainTextEdit>("translationText")->toPlainText(), kGerman.toUpper());
    auto *progress = child<QProgressBar>("translationProgress");
    QCOMPARE(progress->maximum(), 3);
    QCOMPARE(progress->value(), 3);
    QCOMPARE(m_server->requests().size(), 3);
    // The request names both languages (German detected, English chosen).
    const QString system = QJsonDocument::fromJson(m_server->requests().first().body)
                               .object()
                               .value(QStringLiteral("messages"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("content"))
                               .toString();
    QVERIFY2(system.contains(QStringLiteral("from German into English")), qPrintable(system));

    // The cursor in the second source paragraph highlights the second translated paragraph.
    const int second = int(kGerman.indexOf(QStringLiteral("Wer sprechen")));
    QTextCursor c = source->textCursor();
    c.setPosition(second + 5);
    source->setTextCursor(c);
    const TranslateView::Alignment a = m_view->alignmentAtSource(second + 5);
    QCOMPARE(a.sourceStart, second);
    const QString result = child<QPlainTextEdit>("translationText")->toPlainText();
    QCOMPARE(result.mid(a.resultStart, a.resultEnd - a.resultStart),
             QStringLiteral(
                 "WER SPRECHEN MÖCHTE, SOLLTE DEM SEKRETARIAT BIS FREITAG EINE KURZE NACHRICHT SCHICKEN."));
    bool highlighted = false;
    for (const QTextEdit::ExtraSelection &s : child<QPlainTextEdit>("translationText")->extraSelections())
        highlighted |= s.cursor.selectionStart() == a.resultStart && s.cursor.selectionEnd() == a.resultEnd;
    QVERIFY(highlighted);
    // And back: a position in the translation finds its source paragraph.
    QCOMPARE(m_view->alignmentAtResult(a.resultStart + 3).sourceStart, second);
}

void TestTranslateView::failedPartIsMarkedAndRetried()
{
    const QString middle = QStringLiteral(
        "Wer sprechen möchte, sollte dem Sekretariat bis Freitag eine kurze Nachricht schicken.");
    m_fail.insert(middle);
    m_view->setSourceText(kGerman);
    QTest::mouseClick(child<QPushButton>("translateButton"), Qt::LeftButton);
    QTRY_VERIFY(m_view->controller()->run() && !m_view->controller()->run()->isActive());
    auto *retry = child<QPushButton>("retryFailedButton");
    QTRY_VERIFY(retry->isVisible());
    // "%n part(s)": the English plural forms come with the English translation file (issue 8).
    QVERIFY(child<QLabel>("translationStatus")->text().contains(QStringLiteral("1 part")));
    QVERIFY(child<QLabel>("translationStatus")->text().contains(QStringLiteral("failed")));
    // Nothing is lost: the failed part shows its source, the others their translation.
    QString partial = kGerman.toUpper();
    partial.replace(middle.toUpper(), middle);
    QTRY_COMPARE(child<QPlainTextEdit>("translationText")->toPlainText(), partial);

    m_fail.clear();
    const int before = int(m_server->requests().size());
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE(child<QPlainTextEdit>("translationText")->toPlainText(), kGerman.toUpper());
    QCOMPARE(m_server->requests().size(), before + 1); // only the failed part went again
    QTRY_VERIFY(!retry->isVisible());
}

void TestTranslateView::glossaryAndPreservationMarks()
{
    const QString text = QStringLiteral("Open a pull request for {name} at https://example.com/x.");
    m_override.insert(text, QStringLiteral("Öffne einen Zieh-Antrag für {Name} bei https://example.com/x."));
    // Glossaries are kept per language pair: this one applies to English → German only.
    QVERIFY(m_ctx->store()->setGlossary(QStringLiteral("en"), QStringLiteral("de"),
                                        Glossary({{QStringLiteral("pull request"), QStringLiteral("Pull Request")}})));
    QVERIFY(m_ctx->store()->setGlossary(QStringLiteral("en"), QStringLiteral("fr"),
                                        Glossary({{QStringLiteral("request"), QStringLiteral("requête")}})));
    m_view->setSourceText(text);
    m_view->setSourceLanguage(QStringLiteral("en"));
    m_view->setTargetLanguage(QStringLiteral("de"));
    QTest::mouseClick(child<QPushButton>("translateButton"), Qt::LeftButton);
    QTRY_VERIFY(m_view->controller()->run() && !m_view->controller()->run()->isActive());
    QTRY_COMPARE(m_view->missedTerms(), QStringList{QStringLiteral("Pull Request")});
    bool underlined = false;
    for (const QTextEdit::ExtraSelection &s : child<QPlainTextEdit>("sourceText")->extraSelections()) {
        underlined |= s.format.underlineStyle() == QTextCharFormat::WaveUnderline &&
                      s.cursor.selectedText() == QStringLiteral("pull request");
    }
    QVERIFY(underlined);
    const QString warning = child<QLabel>("preservationWarning")->text();
    QVERIFY2(warning.contains(QStringLiteral("{name}")), qPrintable(warning));
    QVERIFY(!warning.contains(QStringLiteral("example.com"))); // the URL was kept
    // The glossary term went to the model with the request.
    const QString body = QString::fromUtf8(m_server->requests().last().body);
    QVERIFY(body.contains(QStringLiteral("pull request → Pull Request")));
    QVERIFY(!body.contains(QStringLiteral("requête")));
}

void TestTranslateView::openAndSaveNextToTheFile()
{
    const QString path = m_dir->filePath(QStringLiteral("notes.md"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# Title\n\nSome text to translate.\n");
    }
    QVERIFY(m_view->openFile(path));
    QCOMPARE(m_view->sourceText(), QStringLiteral("# Title\n\nSome text to translate.\n"));
    m_view->setTargetLanguage(QStringLiteral("de"));
    QCOMPARE(m_view->suggestedSavePath(), m_dir->filePath(QStringLiteral("notes.de.md")));
    m_view->translate();
    QTRY_VERIFY(m_view->controller()->run() && !m_view->controller()->run()->isActive());
    QTRY_COMPARE(m_view->resultText(), QStringLiteral("# TITLE\n\nSOME TEXT TO TRANSLATE.\n"));
    QVERIFY(m_view->saveResult(m_view->suggestedSavePath()));
    QFile saved(m_dir->filePath(QStringLiteral("notes.de.md")));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), QByteArray("# TITLE\n\nSOME TEXT TO TRANSLATE.\n"));
    QVERIFY(!m_view->openFile(m_dir->filePath(QStringLiteral("missing.txt"))));
}

void TestTranslateView::ctrlTSwitchesTheWindow()
{
    MainWindow window(m_ctx.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *workspace = window.findChild<QStackedWidget *>(QStringLiteral("workspace"));
    QVERIFY(workspace);
    QCOMPARE(workspace->currentWidget(), static_cast<QWidget *>(window.chatPane()));
    QVERIFY(!window.translateView());

    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
    QVERIFY(window.translateView());
    QCOMPARE(workspace->currentWidget(), static_cast<QWidget *>(window.translateView()));
    QTRY_COMPARE(QApplication::focusWidget(),
                 window.translateView()->findChild<QWidget *>(QStringLiteral("sourceText")));
    // Typing goes into the source text.
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Hello there"));
    QCOMPARE(window.translateView()->sourceText(), QStringLiteral("Hello there"));

    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(workspace->currentWidget(), static_cast<QWidget *>(window.chatPane()));
    // Back to Translate: the text is still there; a new chat (Ctrl+N) goes back to the chat.
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.translateView()->sourceText(), QStringLiteral("Hello there"));
    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(workspace->currentWidget(), static_cast<QWidget *>(window.chatPane()));
}

QTEST_MAIN(TestTranslateView)
#include "tst_translateview.moc"
