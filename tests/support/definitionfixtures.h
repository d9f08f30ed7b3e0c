#pragma once
// Fixtures shared by the definition editor's backend and widget tests.

#include "models/json.h"
#include "models/mirroringdefinition.h"

#include <QByteArray>
#include <QStringList>

namespace fmc::test {

// A definition with fields this editor does not know, at three levels.
inline const QByteArray withUnknowns = R"({
  "$comment": "kept",
  "properties": {
    "source": {
      "type": "AzureSqlDatabase",
      "typeProperties": {
        "connection": "3f2b8c1e-5d4a-4e6b-9a7c-0d1e2f3a4b5c",
        "database": "Sales",
        "futureOption": {"a": [1, 2.50]}
      }
    },
    "target": {
      "type": "MountedRelationalDatabase",
      "typeProperties": {
        "defaultSchema": "dbo",
        "format": "Delta",
        "retentionInDays": 7
      }
    },
    "mountedTables": [
      {"source": {"typeProperties": {"schemaName": "dbo", "tableName": "A"}}, "target": {"x": 1}}
    ],
    "views": true
  }
})";

// getDefinition's body for \a mirroring, with a `.platform` part the editor must keep.
inline Json itemBody(const QByteArray &mirroring)
{
    Json body = Json::object();
    body["definition"]["parts"] = Json::array(
        {Json{{"path", "mirroring.json"}, {"payload", mirroring.toBase64().toStdString()}, {"payloadType", "InlineBase64"}},
         Json{{"path", ".platform"}, {"payload", "ZG90UGxhdGZvcm1CYXNlNjRTdHJpbmc="}, {"payloadType", "InlineBase64"}}});
    return body;
}

// An Azure SQL Database definition that mirrors \a tables ("schema.table"), laid out as the
// editor writes new documents: four spaces, one member per line.
inline MirroringDefinition definitionWithTables(const QStringList &tables)
{
    MirroringDefinition definition;
    definition.setSourceType(QStringLiteral("AzureSqlDatabase"));
    definition.setConnection(QStringLiteral("a0a0a0a0-bbbb-cccc-dddd-e1e1e1e1e1e1"));
    QList<MountedTable> list;
    for (const QString &table : tables)
        list.append({table.section(u'.', 0, 0), table.section(u'.', 1)});
    definition.setMountedTables(list);
    return definition;
}

} // namespace fmc::test
