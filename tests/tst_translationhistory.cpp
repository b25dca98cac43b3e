// The Translate workspace's memory on the offscreen platform, against a loopback server that
// "translates" by upper-casing: every job is stored as it runs and when it ends (what the
// database holds), the history panel lists, searches, opens and deletes jobs, glossaries are
// kept per language pair through the Glossary dialog, recent pairs are remembered, and the
// Translate settings' default model and temperature reach the request.
#include "GlossaryDialog.h"
#include "ModalAnswerer.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "TranslationRequests.h"
#include "TranslateView.h"
#include "TranslationHistoryPanel.h"
#include "settings/Settings.h"
#include "store/Store.h"
#include "translate/TranslateController.h"
#include "translate/TranslationRecord.h"
#include "translate/TranslationRun.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {

const QString kFirst =
    QStringLiteral("Der Ausschuss trifft sich nächste Woche erneut, um über den Haushalt zu beraten.");
const QString kSecond = QStringLiteral("Wer sprechen möchte, sollte dem Sekretariat bis Freitag schreiben.");
const QString kGerman = kFirst + QStringLiteral("\n\n") + kSecond;

} // namespace

class TestTranslationHistory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void jobIsStoredWhileRunningAndWhenItEnds();
    void failedPartIsStoredAsPartialThenCompleted();
    void panelListsSearchesOpensAndDeletes();
    void glossaryIsKeptPerLanguagePair();
    void recentPairsAreRemembered();
    void defaultModelAndTemperatureFromSettings();

private:
    template<typename T> T *child(const char *name) const
    {
        T *w = m_view->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }
    void translateAndWait()
    {
        QTest::mouseClick(child<QPushButton>("translateButton"), Qt::LeftButton);
        QTRY_VERIFY(m_view->controller()->run() && !m_view->controller()->run()->isActive());
    }
    TranslateView *newView()
    {
        auto *view = new TranslateView(m_ctx.get());
        view->controller()->setChunkTokens(30); // one paragraph per part
        view->resize(1000, 600);
        view->show();
        return view;
    }
    QJsonObject lastBody() const
    {
        return QJsonDocument::fromJson(m_server->requests().last().body).object();
    }

    QTemporaryDir *m_dir = nullptr;
    TestHttpServer *m_server = nullptr;
    std::unique_ptr<AppContext> m_ctx;
    TranslateView *m_view = nullptr;
    QSet<QString> m_fail;
    QSet<QString> m_slow; // answered after a minute: still running while the test looks
};

void TestTranslationHistory::init()
{
    m_dir = new QTemporaryDir;
    m_server = new TestHttpServer;
    QVERIFY(m_server->listen());
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    m_fail.clear();
    m_slow.clear();
    m_server->setResponder([this](const ReceivedRequest &r) {
        const QString source = translationSource(r);
        if (m_fail.contains(source))
            return Response::json(503, R"({"error":{"message":"busy","type":"server_error"}})");
        const QString answer = source.toUpper();
        return Response::sse(openAiStream({answer.left(5), answer.mid(5)}),
                             m_slow.contains(source) ? 60000 : 0);
    });
    m_view = newView();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestTranslationHistory::cleanup()
{
    delete m_view;
    m_ctx.reset();
    delete m_server;
    delete m_dir;
}

void TestTranslationHistory::jobIsStoredWhileRunningAndWhenItEnds()
{
    m_slow.insert(kSecond);
    m_view->setSourceText(kGerman);
    m_view->setTargetLanguage(QStringLiteral("en"));
    QTest::mouseClick(child<QPushButton>("translateButton"), Qt::LeftButton);
    // Stored as soon as it runs, and again when a part is done: a crash keeps the finished parts.
    QTRY_COMPARE(m_ctx->store()->translations().size(), 1);
    const qint64 id = m_view->currentRecordId();
    QVERIFY(id != 0);
    QTRY_VERIFY(m_ctx->store()->translation(id).resultText.startsWith(kFirst.toUpper()));
    TranslationRecord running = m_ctx->store()->translation(id);
    QCOMPARE(running.state, QStringLiteral("partial"));
    QCOMPARE(running.resultText, kFirst.toUpper() + QStringLiteral("\n\n") + kSecond); // source stands in
    QVERIFY(m_view->controller()->run()->isActive());

    // Cancel keeps what is done, in the history too.
    QTest::mouseClick(child<QPushButton>("cancelTranslationButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_view->controller()->run()->isActive());
    const TranslationRecord r = m_ctx->store()->translation(id);
    QCOMPARE(m_ctx->store()->translations().size(), 1);
    QCOMPARE(r.sourceText, kGerman);
    QCOMPARE(r.resultText, kFirst.toUpper() + QStringLiteral("\n\n") + kSecond);
    QCOMPARE(r.state, QStringLiteral("partial"));
    QCOMPARE(r.sourceLanguage, QStringLiteral("de")); // detected
    QCOMPARE(r.targetLanguage, QStringLiteral("en"));
    QCOMPARE(r.model, QStringLiteral("test-model")); // the profile's
    QCOMPARE(r.style, QStringLiteral("neutral"));

    // A new job is a new entry; a finished one is complete.
    m_slow.clear();
    translateAndWait();
    QTRY_COMPARE(m_ctx->store()->translations().size(), 2);
    QVERIFY(m_view->currentRecordId() != id);
    QTRY_COMPARE(m_ctx->store()->translation(m_view->currentRecordId()).state, QStringLiteral("complete"));
    QCOMPARE(m_ctx->store()->translation(m_view->currentRecordId()).resultText, kGerman.toUpper());
}

void TestTranslationHistory::failedPartIsStoredAsPartialThenCompleted()
{
    m_fail.insert(kSecond);
    m_view->setSourceText(kGerman);
    m_view->setTargetLanguage(QStringLiteral("en"));
    translateAndWait();
    const qint64 id = m_view->currentRecordId();
    QTRY_COMPARE(m_ctx->store()->translation(id).state, QStringLiteral("partial"));
    m_fail.clear();
    QTest::mouseClick(child<QPushButton>("retryFailedButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_view->controller()->run()->isActive());
    // The retried job is the same entry, now whole.
    QTRY_COMPARE(m_ctx->store()->translation(id).state, QStringLiteral("complete"));
    QCOMPARE(m_ctx->store()->translation(id).resultText, kGerman.toUpper());
    QCOMPARE(m_ctx->store()->translations().size(), 1);
}

void TestTranslationHistory::panelListsSearchesOpensAndDeletes()
{
    m_view->setSourceText(kGerman);
    m_view->setTargetLanguage(QStringLiteral("en"));
    translateAndWait();
    QTRY_COMPARE(m_ctx->store()->translation(m_view->currentRecordId()).state, QStringLiteral("complete"));
    const qint64 german = m_view->currentRecordId();
    const QString french =
        QStringLiteral("Le comité se réunira de nouveau la semaine prochaine pour le budget.");
    m_view->setSourceText(french);
    m_view->setTargetLanguage(QStringLiteral("es"));
    translateAndWait();
    QTRY_COMPARE(m_ctx->store()->translation(m_view->currentRecordId()).state, QStringLiteral("complete"));

    QTest::mouseClick(child<QToolButton>("translationHistoryButton"), Qt::LeftButton);
    TranslationHistoryPanel *panel = m_view->historyPanel();
    QVERIFY(panel->isVisible());
    QTRY_COMPARE(panel->count(), 2);
    QCOMPARE(panel->idAt(0), m_view->currentRecordId()); // newest first
    QCOMPARE(panel->idAt(1), german);

    // A word of the German result (upper-cased by the server), folded: "haushalt" finds it.
    auto *field = child<QLineEdit>("translationHistorySearch");
    QVERIFY(field->hasFocus());
    QTest::keyClicks(field, QStringLiteral("haushalt"));
    QTRY_COMPARE(panel->count(), 1);
    QCOMPARE(panel->idAt(0), german);
    QTest::keyClick(field, Qt::Key_Return); // opens the only hit
    QCOMPARE(m_view->currentRecordId(), german);
    QCOMPARE(m_view->sourceText(), kGerman);
    QCOMPARE(m_view->resultText(), kGerman.toUpper());
    QCOMPARE(m_view->targetLanguage(), QStringLiteral("en"));
    QCOMPARE(m_view->sourceLanguage(), QStringLiteral("de"));

    // Delete asks first; Cancel keeps it.
    field->clear();
    QTRY_COMPARE(panel->count(), 2);
    auto *list = child<QListView>("translationHistoryList");
    list->setCurrentIndex(list->model()->index(1, 0));
    {
        ModalAnswerer no([](QWidget *w) {
            auto *box = qobject_cast<QMessageBox *>(w);
            QVERIFY(box);
            box->button(QMessageBox::Cancel)->click();
        });
        QTest::mouseClick(child<QPushButton>("deleteTranslationButton"), Qt::LeftButton);
        QVERIFY(no.answered());
        QCOMPARE(no.seenObjectName(), QStringLiteral("deleteTranslationConfirm"));
    }
    QCOMPARE(m_ctx->store()->translations().size(), 2);
    {
        ModalAnswerer yes([](QWidget *w) {
            auto *box = qobject_cast<QMessageBox *>(w);
            QVERIFY(box);
            for (QAbstractButton *b : box->buttons()) {
                if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                    b->click();
            }
        });
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Delete);
        QVERIFY(yes.answered());
    }
    QCOMPARE(m_ctx->store()->translations().size(), 1);
    QCOMPARE(m_ctx->store()->translation(german).id, qint64(0));
    QTRY_COMPARE(panel->count(), 1);
    QVERIFY(panel->idAt(0) != german);
}

void TestTranslationHistory::glossaryIsKeptPerLanguagePair()
{
    // Without a source language there is no pair: a message, no dialog.
    m_view->setSourceText(QString());
    QTest::mouseClick(child<QPushButton>("glossaryButton"), Qt::LeftButton);
    QVERIFY(child<QLabel>("translationStatus")->text().contains(QStringLiteral("source language")));

    m_view->setSourceLanguage(QStringLiteral("en"));
    m_view->setTargetLanguage(QStringLiteral("de"));
    QString title;
    ModalAnswerer answer([&title](QWidget *w) {
        auto *dialog = qobject_cast<GlossaryDialog *>(w);
        if (!dialog) {
            w->close();
            return;
        }
        title = dialog->windowTitle();
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("addTermButton")), Qt::LeftButton);
        auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("glossaryTable"));
        if (!table || table->rowCount() < 1) {
            dialog->reject();
            return;
        }
        const int row = table->rowCount() - 1;
        table->setItem(row, 0, new QTableWidgetItem(QStringLiteral("pull request")));
        table->setItem(row, 1, new QTableWidgetItem(QStringLiteral("Pull Request")));
        dialog->accept();
    });
    QTest::mouseClick(child<QPushButton>("glossaryButton"), Qt::LeftButton);
    QVERIFY(answer.answered());
    QCOMPARE(title, QStringLiteral("Glossary: English → Deutsch"));
    QCOMPARE(m_ctx->store()->glossary(QStringLiteral("en"), QStringLiteral("de")).terms(),
             (QVector<GlossaryTerm>{{QStringLiteral("pull request"), QStringLiteral("Pull Request")}}));
    QVERIFY(m_ctx->store()->glossary(QStringLiteral("en"), QStringLiteral("fr")).isEmpty());
    QVERIFY(m_ctx->store()->glossary(QStringLiteral("de"), QStringLiteral("en")).isEmpty());

    // The pair's glossary goes with the job and is stored with it.
    m_view->setSourceText(QStringLiteral("Please open a pull request today."));
    m_view->setSourceLanguage(QStringLiteral("en"));
    translateAndWait();
    QVERIFY(QString::fromUtf8(m_server->requests().last().body)
                .contains(QStringLiteral("pull request → Pull Request")));
    QTRY_COMPARE(m_ctx->store()->translation(m_view->currentRecordId()).glossary,
                 (QVector<GlossaryTerm>{{QStringLiteral("pull request"), QStringLiteral("Pull Request")}}));
}

void TestTranslationHistory::recentPairsAreRemembered()
{
    m_view->setSourceText(kGerman);
    m_view->setSourceLanguage(QStringLiteral("de"));
    m_view->setTargetLanguage(QStringLiteral("ja"));
    translateAndWait();
    m_view->setSourceLanguage(QString()); // detect
    m_view->setTargetLanguage(QStringLiteral("fr"));
    translateAndWait();

    // A new workspace (the next start) opens on the last pair and offers both.
    delete m_view;
    m_view = newView();
    QCOMPARE(m_view->sourceLanguage(), QString());
    QCOMPARE(m_view->targetLanguage(), QStringLiteral("fr"));
    QMenu *menu = child<QToolButton>("recentLanguagePairs")->menu();
    QVERIFY(menu);
    QStringList labels;
    for (QAction *a : menu->actions())
        labels << a->text();
    QCOMPARE(labels.size(), 2);
    QVERIFY2(labels.at(0).contains(QStringLiteral("Français")), qPrintable(labels.join(QLatin1Char('|'))));
    QVERIFY2(labels.at(1).contains(QStringLiteral("Deutsch")) &&
                 labels.at(1).contains(QStringLiteral("日本語")),
             qPrintable(labels.join(QLatin1Char('|'))));
    menu->actions().at(1)->trigger();
    QCOMPARE(m_view->sourceLanguage(), QStringLiteral("de"));
    QCOMPARE(m_view->targetLanguage(), QStringLiteral("ja"));
}

void TestTranslationHistory::defaultModelAndTemperatureFromSettings()
{
    m_ctx->settings()->setValue(Settings::TranslateModel, QStringLiteral("translator-model"));
    m_ctx->settings()->setValue(Settings::TranslateTemperature, 0.3);
    QCOMPARE(child<QLineEdit>("translationModel")->placeholderText(), QStringLiteral("translator-model"));
    m_view->setSourceText(kFirst);
    translateAndWait();
    QCOMPARE(lastBody().value(QStringLiteral("model")).toString(), QStringLiteral("translator-model"));
    QCOMPARE(lastBody().value(QStringLiteral("temperature")).toDouble(), 0.3);
    QTRY_COMPARE(m_ctx->store()->translation(m_view->currentRecordId()).model,
                 QStringLiteral("translator-model"));

    // The job's own choice wins.
    child<QLineEdit>("translationModel")->setText(QStringLiteral("other-model"));
    translateAndWait();
    QCOMPARE(lastBody().value(QStringLiteral("model")).toString(), QStringLiteral("other-model"));
}

QTEST_MAIN(TestTranslationHistory)
#include "tst_translationhistory.moc"
