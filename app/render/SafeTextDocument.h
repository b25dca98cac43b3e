#pragma once

#include <QHash>
#include <QImage>
#include <QTextDocument>

namespace penpal {

// A QTextDocument for untrusted model output. QTextDocument::loadResource() would read local
// files (and resource providers could fetch URLs) named by image or style sheet URLs in the
// text; here nothing is ever read: an image becomes a drawn placeholder naming its host, and any
// other resource is empty. The Markdown renderer goes further and replaces images with
// ImagePlaceholder objects, so this is the safety net for every other use.
class SafeTextDocument : public QTextDocument {
    Q_OBJECT
public:
    explicit SafeTextDocument(QObject *parent = nullptr);

    // GitHub-flavoured Markdown with raw HTML switched off.
    void setSafeMarkdown(const QString &markdown);

    // How many times the layout asked this document for a resource (tests: "never").
    int resourceRequests() const { return m_resourceRequests; }

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    QHash<QString, QImage> m_placeholders; // by host: one picture per host is enough
    int m_resourceRequests = 0;
};

} // namespace penpal
