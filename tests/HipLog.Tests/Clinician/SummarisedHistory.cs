using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Clinician;

/// <summary>
/// Six weeks of a Berlin runner's log, seeded once through the real Api and PostgreSQL on the fixture's clock (Thursday
/// 26 November 2026), and the clinician summary of the last twelve weeks read once, for every class of the
/// <see cref="SummarisedHistoryCollection"/>.
/// </summary>
public sealed class SummarisedHistory : IAsyncLifetime
{
    public const string Runner = "runner-summary";

    public static readonly DateOnly Today = new(2026, 11, 26);

    public HipLogApi Api { get; private set; } = null!;

    public ClinicianHistory History { get; private set; } = null!;

    public Answer Summary { get; private set; } = null!;

    public string Html => Summary.Body;

    public async Task InitializeAsync()
    {
        Api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("clinician"));
        await TestHosts.StartAsync(() => Api.Server);
        History = new ClinicianHistory(Api.ClientFor(Runner), Api.Store, Runner, Today);
        await History.SeedAsync("Ana <b>& Bo</b>");
        Summary = await Api.Runner(Runner).Clinician.SummaryAsync();
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>The classes that read the one <see cref="SummarisedHistory"/>: it is seeded once, and they take turns.</summary>
[CollectionDefinition(Name)]
public sealed class SummarisedHistoryCollection : ICollectionFixture<SummarisedHistory>
{
    public const string Name = "summarised history";
}
