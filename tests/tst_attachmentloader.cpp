// Attachment kinds come from the content (magic bytes, valid UTF-8 without NULs), never from
// the file name; sizes above the limits and anything else are refused with a sentence that
// names the file.
#include "chat/AttachmentLoader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;

namespace {
const QByteArray kPng = QByteArrayLiteral("\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
const QByteArray kJpeg = QByteArrayLiteral("\xff\xd8\xff\xe0\0\x10JFIF\0");
const QByteArray kWebp = QByteArrayLiteral("RIFF\x24\0\0\0WEBPVP8 ");

QByteArray filled(const QByteArray &head, qint64 size, char fill)
{
    QByteArray out = head;
    out.append(QByteArray(int(size - head.size()), fill));
    return out;
}
} // namespace

class TestAttachmentLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void detectsKindByContent_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<bool>("image");
        QTest::addColumn<QString>("mimeType");
        QTest::addColumn<QString>("errorPart"); // for refusals

        const QString unsupported = QStringLiteral("only text files and PNG, JPEG or WebP images");
        const QString tooLarge = QStringLiteral("too large");
        QTest::newRow("png") << kPng << "a.png" << true << true << "image/png" << QString();
        QTest::newRow("jpeg") << kJpeg << "a.jpg" << true << true << "image/jpeg" << QString();
        QTest::newRow("webp") << kWebp << "a.webp" << true << true << "image/webp" << QString();
        QTest::newRow("png named .txt") << kPng << "notes.txt" << true << true << "image/png" << QString();
        QTest::newRow("text named .png")
            << QByteArray("just words") << "fake.png" << true << false << "text/plain" << QString();
        QTest::newRow("ascii") << QByteArray("hello\nworld\n") << "a.txt" << true << false << "text/plain"
                               << QString();
        QTest::newRow("utf-8 cjk and emoji") << QString::fromUtf8("你好 🙂").toUtf8() << "zh.txt" << true
                                             << false << "text/plain" << QString();
        QTest::newRow("utf-8 bom") << QByteArray("\xef\xbb\xbfhi") << "bom.txt" << true << false
                                   << "text/plain" << QString();
        QTest::newRow("markdown by name")
            << QByteArray("# Title\n") << "README.md" << true << false << "text/markdown" << QString();
        QTest::newRow("empty file") << QByteArray() << "empty.txt" << true << false << "text/plain"
                                    << QString();
        QTest::newRow("latin-1 is not utf-8")
            << QByteArray("caf\xe9") << "latin1.txt" << false << false << QString() << unsupported;
        QTest::newRow("nul byte") << QByteArray("a\0b", 3) << "bin.txt" << false << false << QString()
                                  << unsupported;
        QTest::newRow("gif") << QByteArray("GIF89a\x01\0\x01\0", 10) << "a.gif" << false << false << QString()
                             << unsupported;
        QTest::newRow("riff but wave") << QByteArray("RIFF\x24\0\0\0WAVEfmt ", 16) << "a.wav" << false
                                       << false << QString() << unsupported;
        QTest::newRow("truncated png magic")
            << QByteArray("\x89PN") << "a.png" << false << false << QString() << unsupported;
        QTest::newRow("text at the limit") << filled("x", AttachmentLoader::kMaxTextBytes, 'y') << "big.txt"
                                           << true << false << "text/plain" << QString();
        QTest::newRow("text over the limit") << filled("x", AttachmentLoader::kMaxTextBytes + 1, 'y')
                                             << "big.txt" << false << false << QString() << tooLarge;
        QTest::newRow("image at the limit") << filled(kPng, AttachmentLoader::kMaxImageBytes, '\0')
                                            << "big.png" << true << true << "image/png" << QString();
        QTest::newRow("image over the limit") << filled(kPng, AttachmentLoader::kMaxImageBytes + 1, '\0')
                                              << "big.png" << false << false << QString() << tooLarge;
    }

    void detectsKindByContent()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, fileName);
        QFETCH(bool, accepted);
        QFETCH(bool, image);
        QFETCH(QString, mimeType);
        QFETCH(QString, errorPart);

        const AttachmentLoader::Result r = AttachmentLoader::fromData(data, fileName);
        QCOMPARE(r.ok(), accepted);
        if (!accepted) {
            QVERIFY2(r.error.contains(errorPart), qPrintable(r.error));
            QVERIFY2(r.error.contains(fileName), qPrintable(r.error)); // says which file
            return;
        }
        QCOMPARE(r.attachment.isImage(), image);
        QCOMPARE(r.attachment.mimeType, mimeType);
        QCOMPARE(r.attachment.fileName, fileName);
        QCOMPARE(r.attachment.data, data);
    }

    void tooLargeNamesTheLimit()
    {
        const auto text = AttachmentLoader::fromData(filled("x", AttachmentLoader::kMaxTextBytes + 1, 'y'),
                                                     QStringLiteral("big.txt"));
        QVERIFY2(text.error.contains(AttachmentLoader::sizeText(AttachmentLoader::kMaxTextBytes)),
                 qPrintable(text.error));
        const auto image = AttachmentLoader::fromData(
            filled(kJpeg, AttachmentLoader::kMaxImageBytes + 1, '\0'), QStringLiteral("big.jpg"));
        QVERIFY2(image.error.contains(AttachmentLoader::sizeText(AttachmentLoader::kMaxImageBytes)),
                 qPrintable(image.error));
    }

    void fromFile_data()
    {
        QTest::addColumn<QByteArray>("content"); // written to the file unless "<dir>" / "<none>"
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("text") << QByteArray("print(1)\n") << true << QString();
        QTest::newRow("png") << kPng << true << QString();
        QTest::newRow("folder") << QByteArray("<dir>") << false << QStringLiteral("folder");
        QTest::newRow("missing") << QByteArray("<none>") << false << QStringLiteral("cannot be read");
        QTest::newRow("huge") << filled("x", AttachmentLoader::kMaxImageBytes + 100, 'y') << false
                              << QStringLiteral("too large");
    }

    void fromFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, accepted);
        QFETCH(QString, errorPart);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("sub/file.py"));
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("sub"))));
        if (content == "<dir>") {
            QVERIFY(QDir().mkpath(path));
        } else if (content != "<none>") {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(content), qint64(content.size()));
        }
        const AttachmentLoader::Result r = AttachmentLoader::fromFile(path);
        QCOMPARE(r.ok(), accepted);
        if (!accepted) {
            QVERIFY2(r.error.contains(errorPart), qPrintable(r.error));
            QVERIFY2(r.error.contains(QStringLiteral("file.py")), qPrintable(r.error));
            return;
        }
        // Only the name travels, never the folder it came from.
        QCOMPARE(r.attachment.fileName, QStringLiteral("file.py"));
        QCOMPARE(r.attachment.data, content);
    }

    void perMessageLimits_data()
    {
        QTest::addColumn<int>("pendingCount");
        QTest::addColumn<qint64>("pendingBytesEach");
        QTest::addColumn<qint64>("nextBytes");
        QTest::addColumn<bool>("allowed");
        const qint64 total = AttachmentLoader::kMaxTotalBytes;
        QTest::newRow("first") << 0 << qint64(0) << qint64(10) << true;
        QTest::newRow("one below the count")
            << AttachmentLoader::kMaxPerMessage - 1 << qint64(1) << qint64(1) << true;
        QTest::newRow("count reached") << AttachmentLoader::kMaxPerMessage << qint64(1) << qint64(1) << false;
        QTest::newRow("total exactly") << 2 << total / 4 << total / 2 << true;
        QTest::newRow("total exceeded") << 2 << total / 4 << total / 2 + 1 << false;
    }

    void perMessageLimits()
    {
        QFETCH(int, pendingCount);
        QFETCH(qint64, pendingBytesEach);
        QFETCH(qint64, nextBytes);
        QFETCH(bool, allowed);
        Attachments pending;
        for (int i = 0; i < pendingCount; ++i)
            pending.append({Attachment::Kind::Text, QStringLiteral("p%1.txt").arg(i),
                            QStringLiteral("text/plain"), QByteArray(int(pendingBytesEach), 'a')});
        const Attachment next{Attachment::Kind::Text, QStringLiteral("next.txt"),
                              QStringLiteral("text/plain"), QByteArray(int(nextBytes), 'b')};
        const QString why = AttachmentLoader::checkAddable(pending, next);
        QCOMPARE(why.isEmpty(), allowed);
        if (!allowed)
            QVERIFY2(why.contains(QStringLiteral("next.txt")), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestAttachmentLoader)
#include "tst_attachmentloader.moc"
