using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kairos.Server;

/// <summary>Source-generated JSON for the serving routes' answers: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ServingRoutes.IngestResponse))]
[JsonSerializable(typeof(ServingRoutes.NextActionResponse))]
[JsonSerializable(typeof(ServingRoutes.OpportunityResponse))]
[JsonSerializable(typeof(ServingRoutes.UserResponse))]
[JsonSerializable(typeof(ActionRoutes.ActionsResponse))]
internal sealed partial class ServerJson : JsonSerializerContext;
