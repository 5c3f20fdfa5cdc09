using JasperFx.CommandLine;
using Microsoft.AspNetCore.Identity;

namespace HipLog.Worker.Jobs;

public sealed class HashPasswordInput
{
    [Description("The dashboard username the hash is made for")]
    public string Username { get; set; } = "";
}

[Description("Reads a dashboard password from standard input and prints the hash for Jobs:Dashboard:PasswordHash", Name = "hash-password")]
public sealed class HashPasswordCommand : JasperFxCommand<HashPasswordInput>
{
    public HashPasswordCommand() => Usage("Hash a dashboard password").Arguments(x => x.Username);

    public override bool Execute(HashPasswordInput input)
    {
        // Read from standard input so the password stays out of the shell history and the process list.
        var password = Console.In.ReadLine();
        if (string.IsNullOrEmpty(password) || string.IsNullOrEmpty(input.Username))
        {
            Console.Error.WriteLine("Give a username and pipe a non-empty password on standard input.");
            return false;
        }

        Console.WriteLine(new PasswordHasher<string>().HashPassword(input.Username, password));
        return true;
    }
}
