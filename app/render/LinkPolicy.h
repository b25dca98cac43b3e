#pragma once

#include <QString>
#include <QUrl>
#include <QVector>

class QTextDocument;

namespace penpal {

// Where an image in a rendered reply points. Nothing is ever fetched for it: the view shows a
// placeholder naming the host and loads the image only when the user asks.
struct ImageReference {
    QString url;       // as written in the Markdown
    QString host;      // what the placeholder shows ("example.com"; empty for relative/local URLs)
    QString altText;   // the Markdown alt text, may be empty
    int position = -1; // character position of the image in its document
};

// Pure rules for what a click on a link in model output may do. Model output is untrusted: only
// web and mail links ever open, and a link whose visible text is not the URL itself must show
// the full URL and ask first (misleading text is the classic phishing trick).
class LinkPolicy {
public:
    enum class Action {
        OpenAllowed, // http, https, mailto: may be handed to the system browser/mailer
        Never,       // file, javascript, data, custom schemes, relative or malformed URLs
    };

    static Action classify(const QUrl &url);
    static Action classify(const QString &href);

    // True unless the visible text is the URL itself (ignoring case of scheme/host, a trailing
    // slash, and a missing "http(s)://" or "mailto:" in the text). Credentials in the URL
    // ("https://bank.com@evil.example") always need confirmation.
    static bool needsConfirmation(const QString &linkText, const QString &href);

    // The URL as the confirmation prompt should show it: fully encoded, so a look-alike
    // international host appears in its punycode form.
    static QString displayUrl(const QUrl &url);

    // The host an image placeholder names: lower-case ASCII (punycode) host of an http(s) URL,
    // empty for anything else.
    static QString imageHost(const QUrl &url);

    // Every image in a document: plain QTextImageFormat objects and the renderer's image
    // placeholders alike, in document order (table cells included).
    static QVector<ImageReference> images(const QTextDocument &doc);
};

} // namespace penpal
