#include "LinkDefinitions.h"

#include <QRegularExpression>
#include <QSet>

namespace penpal {

namespace {

bool opensFence(QStringView chunk)
{
    qsizetype i = 0;
    while (i < chunk.size() && i < 3 && chunk.at(i) == QLatin1Char(' '))
        ++i;
    const QStringView rest = chunk.mid(i);
    return rest.startsWith(QLatin1String("```")) || rest.startsWith(QLatin1String("~~~"));
}

} // namespace

QString LinkDefinitions::normalizeLabel(QStringView label)
{
    return label.toString().simplified().toCaseFolded();
}

QVector<LinkDefinition> LinkDefinitions::scan(QStringView chunk)
{
    QVector<LinkDefinition> out;
    if (opensFence(chunk) || !chunk.contains(QLatin1String("]:")))
        return out;
    static const QRegularExpression definition(
        QStringLiteral(R"(^ {0,3}\[((?:[^\]\\]|\\.){1,999})\]:[ \t]*\S)"));
    for (QStringView line : chunk.split(QLatin1Char('\n'))) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QRegularExpressionMatch m = definition.match(line.toString());
        if (!m.hasMatch())
            break;
        const QString label = normalizeLabel(m.capturedView(1));
        if (!label.isEmpty())
            out.append({label, line.toString()});
    }
    return out;
}

QString LinkDefinitions::suffixFor(QStringView chunk, const QVector<LinkDefinition> &all)
{
    if (all.isEmpty() || opensFence(chunk) || !chunk.contains(QLatin1Char(']')))
        return {};
    QSet<QString> own;
    for (const LinkDefinition &d : scan(chunk))
        own.insert(d.label);
    QSet<QString> seen;
    QString suffix;
    for (const LinkDefinition &d : all) {
        if (own.contains(d.label) || seen.contains(d.label))
            continue;
        seen.insert(d.label);
        const QString reference = QLatin1Char('[') + d.label + QLatin1Char(']');
        if (!chunk.contains(reference, Qt::CaseInsensitive))
            continue;
        suffix += (suffix.isEmpty() ? QStringLiteral("\n\n") : QStringLiteral("\n")) + d.line;
    }
    return suffix;
}

} // namespace penpal
