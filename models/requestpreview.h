#pragma once

#include "models/json.h"

#include <QString>

namespace fmc {

//! \brief The exact request a write would send (method, URL, JSON body), and a text of it for
//! reading in which each definition part's Base64 payload is shown decoded next to it.
struct RequestPreview {
    QString method;
    QString url;
    Json body;

    //! "POST https://…\n\n{ … }" with the body indented; each part gains a `payload (decoded)`
    //! member holding the parsed JSON (or the text, when it is not JSON). The bytes sent are body.
    QString readableText() const;
};

} // namespace fmc
