#pragma once

#include <QString>

namespace penpal {

// A tag with how many conversations carry it (those in the trash included).
struct TagCount {
    QString name;
    int count = 0;
};

} // namespace penpal
