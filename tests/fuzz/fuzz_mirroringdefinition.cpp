// libFuzzer target for the mirroring.json codec (MirroringDefinition). Invariants, for every
// input the parser accepts:
//  - unchanged, it saves the exact bytes it was loaded from and does not claim to be modified;
//  - after one edit (chosen by the input's last byte) the saved bytes parse back to exactly the
//    edited document, and the edited field reads back the value written;
//  - validate() and every getter run without crashing.
// Any input also goes through parseTableList (the paste door of the table picker).

#include "fuzzcheck.h"

#include "models/mirroringdefinition.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace {

void readEverything(const fmc::MirroringDefinition &definition)
{
    (void)definition.sourceType();
    (void)definition.connection();
    (void)definition.database();
    (void)definition.externalStorages();
    (void)definition.sapSubType();
    (void)definition.landingZone();
    (void)definition.targetType();
    (void)definition.defaultSchema();
    (void)definition.format();
    (void)definition.retentionInDays();
    (void)definition.enableDeltaChangeDataFeed();
    (void)definition.mirrorAll();
    (void)definition.mountedTables();
    const QList<fmc::ValidationProblem> problems = definition.validate();
    for (const fmc::ValidationProblem &problem : problems)
        FMC_FUZZ_CHECK(!problem.message.isEmpty());
}

// Applies edit number \a which and checks that the edited value reads back.
void edit(fmc::MirroringDefinition &definition, uint8_t which)
{
    switch (which % 9) {
    case 0:
        definition.setDefaultSchema(QStringLiteral("fuzz_schema"));
        FMC_FUZZ_CHECK(definition.defaultSchema() == QStringLiteral("fuzz_schema"));
        break;
    case 1:
        definition.setSourceType(QStringLiteral("AzureSqlDatabase"));
        FMC_FUZZ_CHECK(definition.sourceType() == QStringLiteral("AzureSqlDatabase"));
        break;
    case 2:
        definition.setConnection(QStringLiteral("00000000-0000-0000-0000-000000000001"));
        FMC_FUZZ_CHECK(definition.connection() == QStringLiteral("00000000-0000-0000-0000-000000000001"));
        break;
    case 3:
        definition.setRetentionInDays(3);
        FMC_FUZZ_CHECK(definition.retentionInDays() == 3);
        break;
    case 4:
        definition.setEnableDeltaChangeDataFeed(true);
        FMC_FUZZ_CHECK(definition.enableDeltaChangeDataFeed() == true);
        break;
    case 5: {
        const QList<fmc::MountedTable> tables = {{QStringLiteral("dbo"), QStringLiteral("t\"1")},
                                                 {QStringLiteral("s.x"), QStringLiteral("\\u00e9")}};
        definition.setMountedTables(tables);
        FMC_FUZZ_CHECK(definition.mountedTables() == tables);
        FMC_FUZZ_CHECK(!definition.mirrorAll());
        break;
    }
    case 6:
        definition.setMirrorAll(!definition.mirrorAll());
        break;
    case 7:
        definition.setFormat(QString());
        FMC_FUZZ_CHECK(definition.format().isEmpty());
        break;
    default:
        definition.setLandingZone(fmc::LandingZone{QStringLiteral("Lakehouse"), QStringLiteral("c"),
                                                   QStringLiteral("w"), QStringLiteral("a"),
                                                   QStringLiteral("Files/x")});
        FMC_FUZZ_CHECK(definition.landingZone().has_value());
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    QStringList unreadable;
    (void)fmc::MirroringDefinition::parseTableList(QString::fromUtf8(bytes), &unreadable);

    QString error;
    std::optional<fmc::MirroringDefinition> definition = fmc::MirroringDefinition::fromJsonBytes(bytes, &error);
    if (!definition) {
        FMC_FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    FMC_FUZZ_CHECK(!definition->isModified());
    FMC_FUZZ_CHECK(definition->toJsonBytes() == bytes);
    readEverything(*definition);

    const fmc::MirroringDefinition before = *definition;
    edit(*definition, size ? data[size - 1] : 0);
    readEverything(*definition);
    (void)definition->restrictedChanges(before);

    const QByteArray saved = definition->toJsonBytes();
    const std::optional<fmc::MirroringDefinition> reloaded = fmc::MirroringDefinition::fromJsonBytes(saved, &error);
    FMC_FUZZ_CHECK(reloaded.has_value());
    FMC_FUZZ_CHECK(reloaded->document() == definition->document());
    // Saving what was reloaded is stable.
    FMC_FUZZ_CHECK(reloaded->toJsonBytes() == saved);
    return 0;
}
