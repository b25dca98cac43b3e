#pragma once

#include "core/Conversation.h"

#include <QString>

namespace penpal {

// Which conversations a list shows. The views split the conversations in three: the main list
// (neither archived nor in the trash), the archive (archived, not in the trash) and the trash
// (everything deleted, archived or not). A tag narrows any view to the conversations carrying
// it (names compare case-insensitively, as the tags table does).
struct ConversationFilter {
    enum class View { Main, Archived, Trash };

    View view = View::Main;
    QString tag; // empty: any

    // The view part alone: tags live in their own table, see Store::tagsOf().
    bool matchesView(const Conversation &c) const
    {
        switch (view) {
        case View::Main:
            return !c.archived && !c.deletedAt.isValid();
        case View::Archived:
            return c.archived && !c.deletedAt.isValid();
        case View::Trash:
            return c.deletedAt.isValid();
        }
        return false;
    }

    bool operator==(const ConversationFilter &o) const
    {
        return view == o.view && tag.compare(o.tag, Qt::CaseInsensitive) == 0;
    }
    bool operator!=(const ConversationFilter &o) const { return !(*this == o); }
};

} // namespace penpal
