#pragma once

// SafeTextDocument moved to the core library (app/render) so the Markdown renderer can use it
// without widgets; this header keeps existing includes working.
#include "render/SafeTextDocument.h"
