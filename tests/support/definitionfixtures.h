#pragma once
// Fixtures shared by the definition editor's backend and widget tests.

#include "models/json.h"

#include <QByteArray>

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

} // namespace fmc::test
