// libFuzzer target for every response decoder in models/: the first byte picks the decoder, the
// rest is the response body. Invariants: no crash, hang or escaping exception; a body that
// decodes re-encodes (toJson) to a document that decodes again and re-encodes identically, so
// what the client shows and what it would write back agree.

#include "fuzzcheck.h"

#include "tests/support/decode.h"
#include "models/errorresponse.h"
#include "models/itemdefinition.h"
#include "models/mirroreddatabaseproperties.h"
#include "models/mirroringstatusresponse.h"
#include "models/objectref.h"
#include "models/operationstate.h"
#include "tests/support/pages.h"
#include "models/sqlendpointproperties.h"
#include "models/tablemirroringmetrics.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace {

template <typename T>
void roundTrip(const QByteArray &body)
{
    QString error;
    const std::optional<T> value = fmc::test::decodeJson<T>(body, &error);
    if (!value) {
        FMC_FUZZ_CHECK(!error.isEmpty());
        return;
    }
    const fmc::Json encoded = value->toJson();
    const std::optional<T> again = T::fromJson(encoded, &error);
    FMC_FUZZ_CHECK(again.has_value());
    FMC_FUZZ_CHECK(again->toJson() == encoded);
    // What we would write must itself be parseable JSON.
    FMC_FUZZ_CHECK(fmc::parseJson(fmc::dumpJson(encoded)).has_value());
}

void itemDefinition(const QByteArray &body)
{
    const std::optional<fmc::Json> json = fmc::parseJson(body);
    if (!json)
        return;
    QString error;
    const std::optional<fmc::ItemDefinition> definition = fmc::ItemDefinition::fromJson(*json, &error);
    if (!definition) {
        FMC_FUZZ_CHECK(!error.isEmpty());
        return;
    }
    const fmc::Json encoded = definition->toJson();
    const std::optional<fmc::ItemDefinition> again = fmc::ItemDefinition::fromJson(encoded);
    FMC_FUZZ_CHECK(again.has_value());
    FMC_FUZZ_CHECK(again->toJson() == encoded);
    (void)definition->toRequestBody();
    (void)definition->mirroringDefinition(&error);
}

using Decoder = void (*)(const QByteArray &);
constexpr Decoder decoders[] = {
    roundTrip<fmc::Workspace>,
    roundTrip<fmc::test::WorkspacesPage>,
    roundTrip<fmc::Item>,
    roundTrip<fmc::test::ItemsPage>,
    roundTrip<fmc::MirroredDatabase>,
    roundTrip<fmc::test::MirroredDatabasesPage>,
    roundTrip<fmc::Connection>,
    roundTrip<fmc::test::ConnectionsPage>,
    roundTrip<fmc::Capacity>,
    roundTrip<fmc::test::CapacitiesPage>,
    roundTrip<fmc::MirroringStatusResponse>,
    roundTrip<fmc::test::TablesMirroringStatusResponse>,
    roundTrip<fmc::TableMirroringStatus>,
    roundTrip<fmc::TableMirroringMetrics>,
    roundTrip<fmc::OperationState>,
    roundTrip<fmc::MirroredDatabaseProperties>,
    roundTrip<fmc::SqlEndpointProperties>,
    roundTrip<fmc::ObjectRef>,
    roundTrip<fmc::ErrorResponse>,
    itemDefinition,
};
constexpr size_t decoderCount = sizeof(decoders) / sizeof(decoders[0]);

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data + 1),
                                                    static_cast<qsizetype>(size - 1));
    decoders[data[0] % decoderCount](body);
    return 0;
}
