#include "draft/CjkCharacter.h"

#include <QChar>

namespace penpal {

bool isCjkCharacter(char32_t cp)
{
    if (cp == 0x30FC || cp == 0x3005) // prolonged sound mark, iteration mark: Common script
        return true;
    switch (QChar::script(cp)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
        return true;
    case QChar::Script_Hangul:
        return QChar::isLetter(cp); // syllables and jamo, not Hangul punctuation
    default:
        return false;
    }
}

} // namespace penpal
