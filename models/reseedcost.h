#pragma once

#include <QString>

namespace fmc {

//! \brief What a full reseed (stop then start) costs for a mirror of \a sourceType (the
//! definition's `source.type`, e.g. "AzureSqlDatabase"), in a sentence or two for the
//! confirmation; a general note for types without a specific one (empty or unknown).
QString reseedCostNote(const QString &sourceType);

} // namespace fmc
