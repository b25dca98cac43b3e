#include "chat/AttachmentLoader.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMimeDatabase>
#include <QStringDecoder>

namespace penpal {

namespace {

// The text type the file name suggests when it is a kind of text (text/markdown, text/x-c++src,
// ...); text/plain otherwise. Only a label for the chip and the store: the content decided
// already that it is text.
QString textMimeType(const QString &fileName)
{
    const QMimeType byName = QMimeDatabase().mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
    if (byName.isValid() && byName.inherits(QStringLiteral("text/plain")))
        return byName.name();
    return QStringLiteral("text/plain");
}

} // namespace

QString AttachmentLoader::imageMimeType(const QByteArray &data)
{
    if (data.startsWith(QByteArrayLiteral("\x89PNG\r\n\x1a\n")))
        return QStringLiteral("image/png");
    if (data.startsWith(QByteArrayLiteral("\xff\xd8\xff")))
        return QStringLiteral("image/jpeg");
    if (data.size() >= 12 && data.startsWith("RIFF") && data.mid(8, 4) == "WEBP")
        return QStringLiteral("image/webp");
    return {};
}

bool AttachmentLoader::isText(const QByteArray &data)
{
    if (data.contains('\0'))
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder(data);
    Q_UNUSED(decoded)
    return !decoder.hasError();
}

QString AttachmentLoader::sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

AttachmentLoader::Result AttachmentLoader::fromData(const QByteArray &data, const QString &fileName)
{
    Result r;
    const QString name = fileName.isEmpty() ? tr("attachment") : fileName;
    const QString image = imageMimeType(data);
    if (!image.isEmpty()) {
        if (data.size() > kMaxImageBytes) {
            r.error = tr("“%1” is too large to attach (%2; images up to %3).")
                          .arg(name, sizeText(data.size()), sizeText(kMaxImageBytes));
            return r;
        }
        r.attachment = {Attachment::Kind::Image, name, image, data};
        return r;
    }
    if (!isText(data)) {
        r.error = tr("“%1” cannot be attached: only text files and PNG, JPEG or WebP images are supported.")
                      .arg(name);
        return r;
    }
    if (data.size() > kMaxTextBytes) {
        r.error = tr("“%1” is too large to attach (%2; text files up to %3).")
                      .arg(name, sizeText(data.size()), sizeText(kMaxTextBytes));
        return r;
    }
    r.attachment = {Attachment::Kind::Text, name, textMimeType(name), data};
    return r;
}

AttachmentLoader::Result AttachmentLoader::fromFile(const QString &path)
{
    Result r;
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (info.isDir()) {
        r.error = tr("“%1” is a folder; only files can be attached.").arg(name);
        return r;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        r.error = tr("“%1” cannot be read: %2").arg(name, file.errorString());
        return r;
    }
    // Never read more than the largest limit allows: a 4 GB file is refused after 10 MB.
    const qint64 largest = qMax(kMaxImageBytes, kMaxTextBytes);
    const QByteArray data = file.read(largest + 1);
    if (data.size() > largest) {
        r.error = tr("“%1” is too large to attach (%2; images up to %3, text files up to %4).")
                      .arg(name, sizeText(qMax(info.size(), qint64(data.size()))), sizeText(kMaxImageBytes),
                           sizeText(kMaxTextBytes));
        return r;
    }
    if (file.error() != QFileDevice::NoError) {
        r.error = tr("“%1” cannot be read: %2").arg(name, file.errorString());
        return r;
    }
    return fromData(data, name);
}

QString AttachmentLoader::checkAddable(const Attachments &pending, const Attachment &next)
{
    if (pending.size() >= kMaxPerMessage)
        return tr("“%1” was not attached: a message can carry at most %n file(s).", nullptr, kMaxPerMessage)
            .arg(next.fileName);
    qint64 total = next.data.size();
    for (const Attachment &a : pending)
        total += a.data.size();
    if (total > kMaxTotalBytes)
        return tr("“%1” was not attached: the files of one message may add up to at most %2.")
            .arg(next.fileName, sizeText(kMaxTotalBytes));
    return {};
}

} // namespace penpal
