#pragma once

#include "models/rebindingmap.h"

#include <QString>

#include <optional>

class QSettings;

namespace fmc {

//! \brief Where rebinding maps are kept: in QSettings per source/target pair (so the form is filled
//! in the next time the same database is promoted to the same place), and in JSON files a team
//! shares (RebindingMap::toJson()).
class RebindingStore
{
public:
    //! A file larger than this is refused before it is read (a map is a few hundred bytes).
    static constexpr qint64 kMaxFileBytes = 1024 * 1024;

    explicit RebindingStore(QSettings &settings);

    //! The key of a source database and a target workspace, each qualified by its side's label
    //! (the tenant or profile): "DEV/ws/db -> PROD/ws".
    static QString pairKey(const QString &sourceLabel, const QString &sourceWorkspaceId, const QString &sourceDatabaseId,
                           const QString &targetLabel, const QString &targetWorkspaceId);

    std::optional<RebindingMap> remembered(const QString &pairKey) const;
    void remember(const QString &pairKey, const RebindingMap &map);

    //! Writes \a map to \a path (atomically: a failed write leaves the old file), or says why not.
    static bool saveFile(const QString &path, const RebindingMap &map, QString *error = nullptr);
    static std::optional<RebindingMap> loadFile(const QString &path, QString *error = nullptr);

private:
    QSettings &m_settings;
};

} // namespace fmc
