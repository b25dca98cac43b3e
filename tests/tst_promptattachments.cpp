// Attaching files in the chat pane: paste an image, drop a text file, choose one in the file
// dialog → chips above the prompt; refused files are named in the notice and not attached;
// sending stores them with the prompt (database rows), the sent prompt shows them as chips,
// and Regenerate sends the image again, as the loopback server sees it.
#include "AttachmentChips.h"
#include "ChatPane.h"
#include "ChatView.h"
#include "PromptEditor.h"
#include "RawDb.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "chat/AttachmentLoader.h"
#include "chat/ChatController.h"
#include "model/MessageListModel.h"
#include "store/Store.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {
QByteArray pngBytes(int side)
{
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::red);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}
} // namespace

class TestPromptAttachments : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<ChatPane> m_pane;

    PromptEditor *editor() const { return m_pane->editor(); }
    QLabel *notice() const { return m_pane->findChild<QLabel *>(QStringLiteral("chatNotice")); }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir->filePath(QStringLiteral("files/") + name);
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
            return {};
        return path;
    }

    // A real drag-and-drop onto the editor's text area, as the window system delivers it.
    bool drop(const QStringList &paths)
    {
        QMimeData data;
        QList<QUrl> urls;
        for (const QString &p : paths)
            urls << QUrl::fromLocalFile(p);
        data.setUrls(urls);
        QWidget *target = editor()->viewport();
        const QPoint at = target->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &enter);
        QDragMoveEvent move(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &move);
        if (!move.isAccepted())
            return false;
        QDropEvent dropEvent(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &dropEvent);
        return dropEvent.isAccepted();
    }

    QString lastImageUrl() const
    {
        const QByteArray body = m_server->requests().last().body;
        const int at = body.indexOf("data:image/png;base64,");
        return at < 0 ? QString() : QString::fromLatin1(body.mid(at, body.indexOf('"', at) - at));
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_server = std::make_unique<TestHttpServer>();
        QVERIFY(m_server->listen());
        m_server->route("POST", "/v1/chat/completions",
                        Response::sse(openAiStream({QStringLiteral("A red square.")})));
        m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
        QVERIFY(m_ctx);
        m_pane = std::make_unique<ChatPane>(m_ctx.get());
        m_pane->resize(800, 700);
        m_pane->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
        QApplication::clipboard()->clear();
    }

    void cleanup()
    {
        m_pane.reset();
        m_ctx.reset();
        m_server.reset();
        m_dir.reset();
    }

    void pastedImageBecomesAChip_data()
    {
        QTest::addColumn<bool>("rawPng"); // the clipboard holds PNG bytes, else a QImage
        QTest::newRow("image") << false;
        QTest::newRow("png bytes") << true;
    }

    void pastedImageBecomesAChip()
    {
        QFETCH(bool, rawPng);
        auto *data = new QMimeData;
        const QByteArray png = pngBytes(8);
        if (rawPng)
            data->setData(QStringLiteral("image/png"), png);
        else
            data->setImageData(QImage::fromData(png));
        QApplication::clipboard()->setMimeData(data);
        editor()->setFocus();
        QTest::keyClick(editor(), Qt::Key_V, Qt::ControlModifier);

        QCOMPARE(editor()->attachments().size(), 1);
        const Attachment a = editor()->attachments().first();
        QVERIFY(a.isImage());
        QCOMPARE(a.mimeType, QStringLiteral("image/png"));
        QCOMPARE(QImage::fromData(a.data).size(), QSize(8, 8));
        if (rawPng)
            QCOMPARE(a.data, png);                    // the bytes as copied
        QCOMPARE(editor()->toPlainText(), QString()); // nothing pasted as text
        QCOMPARE(editor()->chips()->count(), 1);
        QVERIFY(editor()->chips()->isVisible());
        QVERIFY2(editor()->chips()->labels().first().startsWith(QStringLiteral("pasted-image-1.png")),
                 qPrintable(editor()->chips()->labels().first()));
        QVERIFY(editor()->findChild<QLabel *>(QStringLiteral("attachmentThumbnail")));

        // Plain text still pastes as text.
        QApplication::clipboard()->setText(QStringLiteral("words"));
        QTest::keyClick(editor(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(editor()->toPlainText(), QStringLiteral("words"));
        QCOMPARE(editor()->attachments().size(), 1);
    }

    void droppedFilesBecomeChips()
    {
        const QString text = writeFile(QStringLiteral("notes.txt"), "remember the milk\n");
        const QString binary = writeFile(QStringLiteral("tool.bin"), QByteArray("\x7f"
                                                                                "ELF\0\0\x01",
                                                                                7));
        const QString big =
            writeFile(QStringLiteral("huge.log"), QByteArray(AttachmentLoader::kMaxTextBytes + 1, 'x'));
        QVERIFY(!text.isEmpty() && !binary.isEmpty() && !big.isEmpty());

        QVERIFY(drop({text}));
        QCOMPARE(editor()->chips()->count(), 1);
        QVERIFY(editor()->chips()->labels().first().startsWith(QStringLiteral("notes.txt · ")));
        QVERIFY(!notice()->isVisible());
        QCOMPARE(editor()->toPlainText(), QString()); // not the file's path as text

        QVERIFY(drop({binary}));
        QVERIFY(notice()->isVisible());
        QVERIFY2(notice()->text().contains(QStringLiteral("tool.bin")), qPrintable(notice()->text()));
        QVERIFY2(notice()->text().contains(QStringLiteral("only text files")), qPrintable(notice()->text()));
        QVERIFY(drop({big}));
        QVERIFY2(notice()->text().contains(QStringLiteral("huge.log")) &&
                     notice()->text().contains(QStringLiteral("too large")),
                 qPrintable(notice()->text()));
        QCOMPARE(editor()->chips()->count(), 1);

        // × removes the chip.
        auto *remove = editor()->chips()->findChild<QToolButton *>(QStringLiteral("removeAttachmentButton"));
        QVERIFY(remove);
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(editor()->attachments().size(), 0);
        QCOMPARE(editor()->chips()->count(), 0);
        QVERIFY(!editor()->chips()->isVisible());
    }

    void attachButtonOpensAFileDialog()
    {
        const QString text = writeFile(QStringLiteral("readme.md"), "# Hello\n");
        auto *button = editor()->findChild<QToolButton *>(QStringLiteral("attachButton"));
        QVERIFY(button);
        QVERIFY(button->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_pane->findChild<QFileDialog *>(QStringLiteral("attachFileDialog"))) &&
                    dialog->isVisible());
        dialog->setDirectory(QFileInfo(text).path());
        dialog->selectFile(text);
        QMetaObject::invokeMethod(dialog, "accept"); // what the Open button does
        QTRY_COMPARE(editor()->chips()->count(), 1);
        QCOMPARE(editor()->attachments().first().fileName, QStringLiteral("readme.md"));
    }

    void sentWithThePromptAndRegenerated()
    {
        auto *data = new QMimeData;
        data->setData(QStringLiteral("image/png"), pngBytes(16));
        QApplication::clipboard()->setMimeData(data);
        editor()->setFocus();
        QTest::keyClick(editor(), Qt::Key_V, Qt::ControlModifier);
        QVERIFY(drop({writeFile(QStringLiteral("notes.txt"), "remember the milk\n")}));
        QCOMPARE(editor()->attachments().size(), 2);
        const Attachments pending = editor()->attachments();
        QTest::keyClicks(editor(), QStringLiteral("What is this?"));
        QTest::keyClick(editor(), Qt::Key_Return);

        // The prompt left the editor with its files.
        QCOMPARE(editor()->toPlainText(), QString());
        QCOMPARE(editor()->attachments().size(), 0);
        QCOMPARE(editor()->chips()->count(), 0);
        QTRY_COMPARE(m_server->requests().size(), 1);
        MessageListModel *model = m_pane->messages();
        QTRY_COMPARE(model->rowCount(), 2);
        QTRY_COMPARE(MessageState(model->index(1).data(MessageListModel::StateRole).toInt()),
                     MessageState::Complete);
        const QString imageUrl = lastImageUrl();
        QCOMPARE(imageUrl,
                 QStringLiteral("data:image/png;base64,") + QString::fromLatin1(pendingImage(pending)));
        QVERIFY(m_server->requests().last().body.contains("remember the milk"));

        // In the database, rows of the prompt.
        const qint64 prompt = model->index(0).data(MessageListModel::IdRole).toLongLong();
        QCOMPARE(m_ctx->store()->attachments(prompt), pending);
        {
            RawDb raw(m_ctx->databasePath());
            QCOMPARE(
                raw.scalar(QStringLiteral("SELECT COUNT(*) FROM attachments WHERE message_id = ?"), {prompt})
                    .toInt(),
                2);
        }
        // Chips on the sent prompt.
        const QStringList chips = m_pane->view()->attachmentLabels(0);
        QCOMPARE(chips.size(), 2);
        QVERIFY2(chips.at(0).contains(QStringLiteral("pasted-image-1.png")), qPrintable(chips.at(0)));
        QVERIFY2(chips.at(1).contains(QStringLiteral("notes.txt")), qPrintable(chips.at(1)));
        QVERIFY(m_pane->view()->attachmentLabels(1).isEmpty());

        // Regenerate: the server gets the same image again.
        const QRect regenerate = m_pane->view()->actionRect(1, ChatView::Action::Regenerate);
        QVERIFY(!regenerate.isEmpty());
        QTest::mouseClick(m_pane->view()->viewport(), Qt::LeftButton, {}, regenerate.center());
        QTRY_COMPARE(m_server->requests().size(), 2);
        QCOMPARE(lastImageUrl(), imageUrl);
        QVERIFY(m_server->requests().last().body.contains("remember the milk"));
    }

    void filesAloneCanBeSent()
    {
        QVERIFY(drop({writeFile(QStringLiteral("notes.txt"), "remember the milk\n")}));
        QCOMPARE(editor()->toPlainText(), QString());
        QTest::keyClick(editor(), Qt::Key_Return);
        QTRY_COMPARE(m_server->requests().size(), 1);
        QVERIFY(m_pane->conversationId() != 0);
        QCOMPARE(m_pane->messages()->index(0).data(MessageListModel::ContentRole).toString(), QString());
        QCOMPARE(m_pane->view()->attachmentLabels(0).size(), 1);
    }

private:
    static QByteArray pendingImage(const Attachments &files)
    {
        for (const Attachment &a : files) {
            if (a.isImage())
                return a.data.toBase64();
        }
        return {};
    }
};

QTEST_MAIN(TestPromptAttachments)
#include "tst_promptattachments.moc"
