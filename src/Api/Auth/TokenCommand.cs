using JasperFx.CommandLine;

namespace HipLog.Api.Auth;

public sealed class TokenInput : NetCoreInput
{
    [Description("The runner id to put in the token's subject")]
    public string RunnerId { get; set; } = "";

    [Description("A clinician's token: the id is the clinician's, and the token opens only /clinicians/{id}/ routes")]
    [FlagAlias("clinician", 'c')]
    public bool ClinicianFlag { get; set; }

    [Description("Hours until the token expires (default: Auth:TokenLifetimeHours)")]
    [FlagAlias("hours", 'h')]
    public double? HoursFlag { get; set; }
}

[Description("Mints a bearer token for a runner (or, with --clinician, a clinician) from the configured signing key, for local use",
    Name = "token")]
public sealed class TokenCommand : JasperFxAsyncCommand<TokenInput>
{
    public TokenCommand() => Usage("Mint a token").Arguments(x => x.RunnerId);

    public override async Task<bool> Execute(TokenInput input)
    {
        using var host = input.BuildHost();
        var settings = host.Services.GetRequiredService<AuthSettings>();
        if (input.HoursFlag is { } hours)
            settings.TokenLifetimeHours = hours;
        try
        {
            Console.WriteLine(input.ClinicianFlag
                ? settings.MintClinicianToken(input.RunnerId, DateTimeOffset.UtcNow)
                : settings.MintToken(input.RunnerId, DateTimeOffset.UtcNow));
            return await Task.FromResult(true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return false;
        }
    }
}
