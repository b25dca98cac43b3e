#include "LinkPolicy.h"

#include "ImagePlaceholder.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>

namespace penpal {

namespace {

QString normalizedScheme(const QUrl &url)
{
    return url.scheme().toLower();
}

// The parts of a URL that decide where it goes, in a comparable form.
QString comparableTarget(const QUrl &url)
{
    QUrl u = url.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    u.setScheme(u.scheme().toLower());
    u.setHost(u.host(QUrl::FullyEncoded).toLower());
    if (u.path() == QLatin1String("/"))
        u.setPath(QString());
    return u.toString(QUrl::FullyEncoded);
}

} // namespace

LinkPolicy::Action LinkPolicy::classify(const QUrl &url)
{
    if (!url.isValid() || url.isRelative())
        return Action::Never;
    const QString scheme = normalizedScheme(url);
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        return url.host().isEmpty() ? Action::Never : Action::OpenAllowed;
    if (scheme == QLatin1String("mailto"))
        return url.path().isEmpty() ? Action::Never : Action::OpenAllowed;
    return Action::Never;
}

LinkPolicy::Action LinkPolicy::classify(const QString &href)
{
    // Leading/trailing blanks and control characters are how "java\tscript:" style tricks hide
    // a scheme; a URL carrying them is not one we open.
    const QString trimmed = href.trimmed();
    for (QChar c : trimmed) {
        if (c.category() == QChar::Other_Control)
            return Action::Never;
    }
    return classify(QUrl(trimmed, QUrl::StrictMode));
}

bool LinkPolicy::needsConfirmation(const QString &linkText, const QString &href)
{
    const QUrl target(href.trimmed(), QUrl::StrictMode);
    if (!target.isValid())
        return true;
    if (!target.userInfo().isEmpty())
        return true;
    const QString text = linkText.trimmed();
    if (text.isEmpty())
        return true;
    const QString scheme = normalizedScheme(target);
    const QString wanted = comparableTarget(target);

    QStringList candidates{text};
    if (!text.contains(QLatin1String("://")) &&
        !text.startsWith(QLatin1String("mailto:"), Qt::CaseInsensitive)) {
        // Visible text without a scheme ("www.example.com", "me@example.org") stands for the
        // target only under the target's own scheme.
        if (scheme == QLatin1String("mailto"))
            candidates.append(QLatin1String("mailto:") + text);
        else
            candidates.append(scheme + QLatin1String("://") + text);
    }
    for (const QString &candidate : candidates) {
        const QUrl shown(candidate, QUrl::StrictMode);
        if (shown.isValid() && !shown.isRelative() && shown.userInfo().isEmpty() &&
            comparableTarget(shown) == wanted)
            return false;
    }
    return true;
}

QString LinkPolicy::displayUrl(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}

QString LinkPolicy::imageHost(const QUrl &url)
{
    const QString scheme = normalizedScheme(url);
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return {};
    return url.host(QUrl::FullyEncoded).toLower();
}

QVector<ImageReference> LinkPolicy::images(const QTextDocument &doc)
{
    QVector<ImageReference> result;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextCharFormat format = fragment.charFormat();
            ImageReference ref;
            if (format.objectType() == ImagePlaceholder::ObjectType) {
                ref.url = format.stringProperty(ImagePlaceholder::UrlProperty);
                ref.altText = format.stringProperty(ImagePlaceholder::AltTextProperty);
            } else if (format.isImageFormat()) {
                ref.url = format.toImageFormat().name();
                ref.altText = format.stringProperty(QTextFormat::ImageAltText);
            } else {
                continue;
            }
            ref.host = imageHost(QUrl(ref.url));
            // One object character per image; a fragment may hold several identical ones.
            for (int i = 0; i < fragment.length(); ++i) {
                ref.position = fragment.position() + i;
                result.append(ref);
            }
        }
    }
    return result;
}

} // namespace penpal
