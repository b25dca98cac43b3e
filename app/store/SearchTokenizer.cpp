#include "store/SearchTokenizer.h"

#include "store/StoreLog.h"

#include <sqlite3.h>

#include <mutex>
#include <new>

namespace penpal {

namespace {

// One tokenizer instance per FTS table: the unicode61 tokenizer it hands non-CJK text to.
struct PenpalTokenizer {
    fts5_tokenizer inner{};
    Fts5Tokenizer *innerInstance = nullptr;
};

// Decodes the UTF-8 sequence at `p` (n bytes left). Invalid or truncated sequences count as
// one byte of U+FFFD, which is not CJK and goes to unicode61 as it is.
unsigned int decodeUtf8(const unsigned char *p, int n, int *length)
{
    const unsigned int lead = p[0];
    int len = 1;
    unsigned int cp = lead;
    if (lead >= 0xF0 && lead <= 0xF7) {
        len = 4;
        cp = lead & 0x07;
    } else if (lead >= 0xE0) {
        len = 3;
        cp = lead & 0x0F;
    } else if (lead >= 0xC0) {
        len = 2;
        cp = lead & 0x1F;
    } else if (lead >= 0x80) {
        *length = 1;
        return 0xFFFD;
    }
    if (lead >= 0xF8 || len > n) {
        *length = 1;
        return 0xFFFD;
    }
    for (int i = 1; i < len; ++i) {
        if ((p[i] & 0xC0) != 0x80) {
            *length = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    *length = len;
    return cp;
}

// Shifts the offsets unicode61 reports for a run back into the whole text.
struct RunContext {
    void *ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
    int offset;
};

int runToken(void *pCtx, int tflags, const char *token, int nToken, int iStart, int iEnd)
{
    auto *run = static_cast<RunContext *>(pCtx);
    return run->xToken(run->ctx, tflags, token, nToken, iStart + run->offset, iEnd + run->offset);
}

int tokenizerCreate(void *userData, const char **args, int nArgs, Fts5Tokenizer **out)
{
    auto *api = static_cast<fts5_api *>(userData);
    auto *t = new (std::nothrow) PenpalTokenizer;
    if (!t)
        return SQLITE_NOMEM;
    void *innerUserData = nullptr;
    int rc = api->xFindTokenizer(api, "unicode61", &innerUserData, &t->inner);
    if (rc == SQLITE_OK) {
        // Arguments given in the table definition replace the default folding.
        static const char *defaults[] = {"remove_diacritics", "2"};
        rc = t->inner.xCreate(innerUserData, nArgs > 0 ? args : defaults, nArgs > 0 ? nArgs : 2,
                              &t->innerInstance);
    }
    if (rc != SQLITE_OK) {
        delete t;
        return rc;
    }
    *out = reinterpret_cast<Fts5Tokenizer *>(t);
    return SQLITE_OK;
}

void tokenizerDelete(Fts5Tokenizer *tokenizer)
{
    auto *t = reinterpret_cast<PenpalTokenizer *>(tokenizer);
    if (t->innerInstance)
        t->inner.xDelete(t->innerInstance);
    delete t;
}

int tokenizerTokenize(Fts5Tokenizer *tokenizer, void *ctx, int flags, const char *text, int nText,
                      int (*xToken)(void *, int, const char *, int, int, int))
{
    auto *t = reinterpret_cast<PenpalTokenizer *>(tokenizer);
    const auto *bytes = reinterpret_cast<const unsigned char *>(text);
    int runStart = 0;
    auto flushRun = [&](int end) {
        if (end <= runStart)
            return SQLITE_OK;
        RunContext run{ctx, xToken, runStart};
        return t->inner.xTokenize(t->innerInstance, &run, flags, text + runStart, end - runStart, runToken);
    };
    int i = 0;
    while (i < nText) {
        int length = 1;
        const unsigned int cp = bytes[i] < 0x80 ? bytes[i] : decodeUtf8(bytes + i, nText - i, &length);
        if (cp >= 0x80 && SearchTokenizer::isCjk(cp)) {
            int rc = flushRun(i);
            if (rc == SQLITE_OK)
                rc = xToken(ctx, 0, text + i, length, i, i + length);
            if (rc != SQLITE_OK)
                return rc;
            runStart = i + length;
        }
        i += length;
    }
    return flushRun(nText);
}

fts5_tokenizer &tokenizerMethods()
{
    static fts5_tokenizer methods{tokenizerCreate, tokenizerDelete, tokenizerTokenize};
    return methods;
}

// The connection's FTS5 API, as the FTS5 documentation says to get it.
fts5_api *fts5ApiOf(sqlite3 *db)
{
    fts5_api *api = nullptr;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
        sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return api;
}

// Runs for every connection SQLite opens once install() registered it.
extern "C" int penpalRegisterTokenizer(sqlite3 *db, const char **errorMessage, const sqlite3_api_routines *)
{
    fts5_api *api = fts5ApiOf(db);
    // Without FTS5 the connection still works; only the search tables cannot be used.
    if (!api || api->iVersion < 2)
        return SQLITE_OK;
    const int rc = api->xCreateTokenizer(api, SearchTokenizer::kName, api, &tokenizerMethods(), nullptr);
    if (rc != SQLITE_OK && errorMessage)
        *errorMessage = sqlite3_mprintf("cannot register the %s tokenizer", SearchTokenizer::kName);
    return rc;
}

// Also at start-up, so that connections opened before any Store (tools, tests) know it too.
[[maybe_unused]] const bool installedAtStart = SearchTokenizer::install();

} // namespace

bool SearchTokenizer::install()
{
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] {
        // void(*)(void) is what the API takes; SQLite calls it with the entry point's arguments.
        ok = sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(&penpalRegisterTokenizer)) == SQLITE_OK;
    });
    if (!ok)
        qCWarning(lcStore) << "cannot register the search tokenizer; search and message writes will fail";
    return ok;
}

bool SearchTokenizer::isCjk(unsigned int cp)
{
    if (cp < 0x1100)
        return false;
    return (cp >= 0x4E00 && cp <= 0x9FFF)                    // CJK Unified Ideographs
           || (cp >= 0x3400 && cp <= 0x4DBF)                 // Extension A
           || (cp >= 0x20000 && cp <= 0x3134F)               // Extensions B-G, compatibility supplement
           || (cp >= 0xF900 && cp <= 0xFAFF)                 // Compatibility Ideographs
           || (cp >= 0x3040 && cp <= 0x309F)                 // Hiragana
           || (cp >= 0x30A1 && cp <= 0x30FF && cp != 0x30FB) // Katakana without ゠ and ・
           || (cp >= 0x31F0 && cp <= 0x31FF)                 // Katakana phonetic extensions
           || (cp >= 0xFF66 && cp <= 0xFF9F)                 // halfwidth Katakana
           || (cp >= 0x1B000 && cp <= 0x1B16F)               // Kana supplement and extensions
           || (cp >= 0xAC00 && cp <= 0xD7AF)                 // Hangul syllables
           || (cp >= 0x1100 && cp <= 0x11FF)                 // Hangul Jamo
           || (cp >= 0x3130 && cp <= 0x318F)                 // Hangul compatibility Jamo
           || (cp >= 0xA960 && cp <= 0xA97F)                 // Hangul Jamo extended A
           || (cp >= 0xD7B0 && cp <= 0xD7FF)                 // Hangul Jamo extended B
           || (cp >= 0xFFA0 && cp <= 0xFFDC)                 // halfwidth Hangul
           || (cp >= 0x3100 && cp <= 0x312F)                 // Bopomofo
           || (cp >= 0x31A0 && cp <= 0x31BF)                 // Bopomofo extended
           // The letters and numbers among the CJK symbols: 々 〆 〇, Hangzhou numerals,
           // kana repeat marks. The rest of that block is punctuation, left to unicode61.
           || (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3021 && cp <= 0x3029) ||
           (cp >= 0x3031 && cp <= 0x3035) || (cp >= 0x3038 && cp <= 0x303C);
}

} // namespace penpal
