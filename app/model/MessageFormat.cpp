#include "model/MessageFormat.h"

#include <QStringList>
#include <QTextDocument>
#include <QUrl>

namespace penpal {

namespace {

// Model output is untrusted: rendering it for the clipboard must not load images or any
// other resource, local or remote.
class InertDocument : public QTextDocument {
public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int, const QUrl &) override { return {}; }
};

QString seconds(qint64 ms, const QLocale &locale)
{
    return locale.toString(double(ms) / 1000.0, 'f', ms < 10000 ? 2 : 1);
}

} // namespace

double MessageFormat::tokensPerSecond(const Message &m)
{
    if (m.usage.completionTokens <= 0 || m.durationMs < 0 || m.timeToFirstTokenMs < 0)
        return -1;
    const qint64 generatingMs = m.durationMs - m.timeToFirstTokenMs;
    if (generatingMs <= 0)
        return -1;
    return m.usage.completionTokens * 1000.0 / double(generatingMs);
}

QString MessageFormat::footerText(const Message &m, const QLocale &locale)
{
    if (m.role != Role::Assistant)
        return {};
    QStringList parts;
    if (!m.model.isEmpty())
        parts << m.model;
    if (m.state == MessageState::Streaming)
        return parts.join(QStringLiteral(" · "));

    const TokenUsage &u = m.usage;
    if (u.promptTokens >= 0 && u.completionTokens >= 0)
        parts << tr("%1 prompt + %2 completion tokens")
                     .arg(locale.toString(u.promptTokens), locale.toString(u.completionTokens));
    else if (u.completionTokens >= 0)
        parts << tr("%1 completion tokens").arg(locale.toString(u.completionTokens));
    if (m.timeToFirstTokenMs >= 0)
        parts << tr("first token %1 s").arg(seconds(m.timeToFirstTokenMs, locale));
    const double speed = tokensPerSecond(m);
    if (speed >= 0)
        parts << tr("%1 tokens/s").arg(locale.toString(speed, 'f', 1));
    return parts.join(QStringLiteral(" · "));
}

QString MessageFormat::plainText(const QString &markdown)
{
    InertDocument doc;
    doc.setMarkdown(markdown, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                              QTextDocument::MarkdownNoHTML));
    QString text = doc.toPlainText();
    text.remove(QChar::ObjectReplacementCharacter);
    return text;
}

} // namespace penpal
