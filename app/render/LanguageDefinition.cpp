#include "LanguageDefinition.h"

namespace penpal {

namespace {

QStringList words(const char *spaceSeparated)
{
    return QString::fromLatin1(spaceSeparated).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

const char *const kCKeywords =
    "auto break case const continue default do else enum extern for goto if inline "
    "register restrict return sizeof static struct switch typedef union volatile "
    "while _Alignas _Alignof _Atomic _Generic _Noreturn _Static_assert _Thread_local";
const char *const kCTypes =
    "char int long short float double void signed unsigned bool _Bool _Complex size_t "
    "ssize_t ptrdiff_t intptr_t uintptr_t int8_t int16_t int32_t int64_t uint8_t uint16_t "
    "uint32_t uint64_t FILE wchar_t";
const char *const kCppKeywords =
    "alignas alignof and and_eq asm bitand bitor catch class co_await co_return co_yield compl concept "
    "const_cast consteval constexpr constinit decltype delete dynamic_cast explicit export final friend "
    "mutable namespace new noexcept not not_eq operator or or_eq override private protected public "
    "reinterpret_cast requires static_assert static_cast template this thread_local throw try typeid "
    "typename using virtual xor xor_eq";
const char *const kJsKeywords =
    "break case catch class const continue debugger default delete do else export "
    "extends finally for function if import in instanceof let new of return super "
    "switch throw try typeof var void while with yield async await static get set "
    "from as";
const char *const kJsTypes =
    "Array Object String Number Boolean Promise Map Set WeakMap Date RegExp Error JSON "
    "Math Symbol BigInt";
const char *const kJsLiterals = "true false null undefined NaN Infinity this";

LanguageDefinition *c()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("c");
    d->displayName = QStringLiteral("C");
    d->aliases = words("c h");
    d->keywords = words(kCKeywords);
    d->types = words(kCTypes);
    d->literals = words("NULL true false EOF stdin stdout stderr");
    d->builtins =
        words("printf fprintf sprintf snprintf malloc calloc realloc free memcpy memset strlen strcmp");
    d->lineComments = words("//");
    d->blockCommentStart = QStringLiteral("/*");
    d->blockCommentEnd = QStringLiteral("*/");
    d->hashPreprocessor = true;
    return d;
}

LanguageDefinition *cpp()
{
    auto *d = c();
    d->id = QStringLiteral("cpp");
    d->displayName = QStringLiteral("C++");
    d->aliases = words("cpp c++ cc cxx hpp hh hxx h++ ino cu qml-cpp");
    d->keywords += words(kCppKeywords);
    d->types +=
        words("wchar_t char8_t char16_t char32_t auto std string string_view vector map unordered_map "
              "set array optional variant unique_ptr shared_ptr");
    d->literals = words("true false nullptr NULL this");
    d->builtins = words("printf std::cout cout cerr endl make_unique make_shared move forward");
    d->capitalizedTypes = true;
    return d;
}

LanguageDefinition *python()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("python");
    d->displayName = QStringLiteral("Python");
    d->aliases = words("python py python3 py3 pyw gyp ipython sage");
    d->keywords =
        words("and as assert async await break class continue def del elif else except finally for from "
              "global if import in is lambda nonlocal not or pass raise return try while with yield "
              "match case");
    d->types = words("int float str bytes bool list dict set frozenset tuple object complex bytearray type");
    d->literals = words("True False None self cls __name__ __main__");
    d->builtins =
        words("print len range enumerate zip map filter sorted reversed sum min max abs any all open "
              "isinstance issubclass super iter next repr hasattr getattr setattr input format round");
    d->lineComments = words("#");
    d->multiLineQuotes = QStringList{QStringLiteral("\"\"\""), QStringLiteral("'''")};
    d->stringPrefixes = words("r b u f rb br fr rf");
    d->annotations = true;
    return d;
}

LanguageDefinition *javascript()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("javascript");
    d->displayName = QStringLiteral("JavaScript");
    d->aliases = words("javascript js jsx mjs cjs node es6 ecmascript");
    d->keywords = words(kJsKeywords);
    d->types = words(kJsTypes);
    d->literals = words(kJsLiterals);
    d->builtins = words("console require setTimeout setInterval fetch parseInt parseFloat");
    d->lineComments = words("//");
    d->blockCommentStart = QStringLiteral("/*");
    d->blockCommentEnd = QStringLiteral("*/");
    d->multiLineQuotes = words("`");
    d->identifierExtras = QStringLiteral("$");
    d->capitalizedTypes = true;
    return d;
}

LanguageDefinition *typescript()
{
    auto *d = javascript();
    d->id = QStringLiteral("typescript");
    d->displayName = QStringLiteral("TypeScript");
    d->aliases = words("typescript ts tsx mts cts");
    d->keywords +=
        words("interface type enum implements namespace declare abstract readonly private protected "
              "public keyof infer is asserts unique module satisfies override");
    d->types += words("string number boolean any unknown never void object symbol bigint Record Partial "
                      "Readonly Pick Omit");
    d->annotations = true;
    return d;
}

LanguageDefinition *json()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("json");
    d->displayName = QStringLiteral("JSON");
    d->aliases = words("json jsonc json5 jsonl ndjson geojson");
    d->literals = words("true false null");
    d->lineComments = words("//"); // JSONC; harmless for JSON
    d->blockCommentStart = QStringLiteral("/*");
    d->blockCommentEnd = QStringLiteral("*/");
    d->quotes = QStringLiteral("\"");
    d->jsonKeys = true;
    return d;
}

LanguageDefinition *shell()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("bash");
    d->displayName = QStringLiteral("Shell");
    d->aliases = words("bash sh shell zsh ksh fish console shellsession terminal command-line cmd-line");
    d->keywords =
        words("if then else elif fi case esac for while until do done in function select time return "
              "exit break continue local export readonly declare typeset unset shift source alias "
              "set trap eval exec");
    d->builtins =
        words("echo printf cd pwd test read cat grep egrep sed awk ls rm cp mv mkdir rmdir chmod chown "
              "sudo apt apt-get dnf yum brew git curl wget tar make cmake ninja python python3 pip "
              "pip3 npm npx node docker kubectl kill ps find xargs sort uniq head tail wc cut tr tee "
              "touch ln ssh scp systemctl journalctl");
    d->literals = words("true false");
    d->lineComments = words("#");
    d->identifierExtras = QStringLiteral("-");
    d->dollarVariables = true;
    return d;
}

LanguageDefinition *sql()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("sql");
    d->displayName = QStringLiteral("SQL");
    d->aliases = words("sql sqlite sqlite3 postgresql postgres psql pgsql mysql mariadb plsql tsql mssql");
    d->keywords = words(
        "select from where insert into values update set delete create table drop alter add column index "
        "view "
        "primary key foreign references not unique default check constraint join inner left right outer full "
        "cross natural on using as and or in is like ilike glob between exists distinct group by order "
        "having "
        "limit offset union intersect except all any case when then else end begin commit rollback "
        "transaction "
        "if returning with recursive asc desc pragma trigger replace explain analyze vacuum grant revoke "
        "database schema sequence function procedure return returns language declare cascade over partition "
        "window rows range virtual fts5 conflict ignore abort fail do nothing autoincrement");
    d->types =
        words("int integer bigint smallint tinyint text varchar char nvarchar boolean bool real double "
              "float numeric decimal date datetime timestamp timestamptz time interval blob bytea serial "
              "bigserial json jsonb uuid money");
    d->literals = words("null true false current_timestamp current_date current_time");
    d->builtins = words("count sum avg min max coalesce ifnull nullif length lower upper substr substring "
                        "round abs now cast strftime date_trunc row_number rank dense_rank lag lead");
    d->caseInsensitive = true;
    d->lineComments = words("--");
    d->blockCommentStart = QStringLiteral("/*");
    d->blockCommentEnd = QStringLiteral("*/");
    return d;
}

LanguageDefinition *rust()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("rust");
    d->displayName = QStringLiteral("Rust");
    d->aliases = words("rust rs");
    d->keywords =
        words("as async await break const continue crate dyn else enum extern fn for if impl in let loop "
              "match mod move mut pub ref return static struct super trait type unsafe use where while "
              "yield macro_rules");
    d->types = words("i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str String Vec "
                     "Option Result Box Rc Arc RefCell HashMap HashSet Self");
    d->literals = words("true false None Some Ok Err self");
    d->lineComments = words("//");
    d->blockCommentStart = QStringLiteral("/*");
    d->blockCommentEnd = QStringLiteral("*/");
    d->quotes = QStringLiteral("\"'");
    d->capitalizedTypes = true;
    d->rustSyntax = true;
    d->annotations = false;
    return d;
}

LanguageDefinition *go()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("go");
    d->displayName = QStringLiteral("Go");
    d->aliases = words("go golang");
    d->keywords =
        words("break case chan const continue default defer else fallthrough for func go goto if import "
              "interface map package range return select struct switch type var");
    d->types = words("bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune "
                     "string uint uint8 uint16 uint32 uint64 uintptr any");
    d->literals = words("true false nil iota");
    d->builtins = words("append cap close copy delete len make new panic print println recover");
    d->lineComments = words("//");
    d->blockCommentStart = QStringLiteral("/*");
    d->blockCommentEnd = QStringLiteral("*/");
    d->multiLineQuotes = words("`");
    return d;
}

LanguageDefinition *java()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("java");
    d->displayName = QStringLiteral("Java");
    d->aliases = words("java");
    d->keywords =
        words("abstract assert break case catch class const continue default do else enum extends final "
              "finally for goto if implements import instanceof interface native new package private "
              "protected public return static strictfp super switch synchronized throw throws "
              "transient try volatile while var record sealed permits yield");
    d->types = words("boolean byte char double float int long short void String Object Integer Long Double "
                     "Boolean List Map Set ArrayList HashMap Optional");
    d->literals = words("true false null this");
    d->lineComments = words("//");
    d->blockCommentStart = QStringLiteral("/*");
    d->blockCommentEnd = QStringLiteral("*/");
    d->multiLineQuotes = QStringList{QStringLiteral("\"\"\"")};
    d->annotations = true;
    d->capitalizedTypes = true;
    return d;
}

LanguageDefinition *html()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("html");
    d->displayName = QStringLiteral("HTML");
    d->aliases = words("html htm xhtml xml svg xsd xsl plist vue-html");
    d->mode = LanguageDefinition::Mode::Markup;
    return d;
}

LanguageDefinition *css()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("css");
    d->displayName = QStringLiteral("CSS");
    d->aliases = words("css scss less sass");
    d->mode = LanguageDefinition::Mode::Css;
    d->keywords = words("!important inherit initial unset auto none");
    return d;
}

LanguageDefinition *yaml()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("yaml");
    d->displayName = QStringLiteral("YAML");
    d->aliases = words("yaml yml");
    d->mode = LanguageDefinition::Mode::Yaml;
    d->literals = words("true false null yes no on off True False Null Yes No ~");
    return d;
}

LanguageDefinition *markdown()
{
    auto *d = new LanguageDefinition;
    d->id = QStringLiteral("markdown");
    d->displayName = QStringLiteral("Markdown");
    d->aliases = words("markdown md mkd gfm");
    d->mode = LanguageDefinition::Mode::Markdown;
    return d;
}

} // namespace

void LanguageDefinition::buildWordTable()
{
    words.clear();
    lowered.clear();
    const std::pair<const QStringList *, TokenKind> lists[] = {
        {&builtins, TokenKind::Function},
        {&literals, TokenKind::Literal},
        {&types, TokenKind::Type},
        {&keywords, TokenKind::Keyword}, // last: a keyword wins over a same-named type
    };
    if (caseInsensitive) {
        for (const auto &[list, kind] : lists) {
            for (const QString &w : *list)
                lowered.append(w.toLower());
        }
    }
    qsizetype at = 0;
    for (const auto &[list, kind] : lists) {
        for (const QString &w : *list) {
            const QString &stored = caseInsensitive ? lowered.at(at++) : w;
            words.insert(QStringView(stored), kind);
        }
    }
}

const QVector<const LanguageDefinition *> &LanguageDefinition::all()
{
    // Built once and never destroyed: the word table holds views into the definitions' lists.
    static const QVector<const LanguageDefinition *> definitions = [] {
        QVector<const LanguageDefinition *> list;
        for (LanguageDefinition *d : {c(), cpp(), python(), javascript(), typescript(), json(), shell(),
                                      sql(), rust(), go(), java(), html(), css(), yaml(), markdown()}) {
            d->buildWordTable();
            list.append(d);
        }
        return list;
    }();
    return definitions;
}

const LanguageDefinition *LanguageDefinition::find(QStringView fenceLanguage)
{
    // "{.python}", "Python3", "c++": fences are written many ways.
    QString name = fenceLanguage.trimmed().toString().toLower();
    while (name.startsWith(QLatin1Char('{')) || name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    while (name.endsWith(QLatin1Char('}')))
        name.chop(1);
    if (name.isEmpty())
        return nullptr;
    for (const LanguageDefinition *d : all()) {
        if (d->id == name || d->aliases.contains(name))
            return d;
    }
    return nullptr;
}

} // namespace penpal
