using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Marten;
using Wolverine.Http;
using Wolverine.Middleware;

namespace HipLog.Api.Http.Writes;

/// <summary>
/// Puts <see cref="RunnerWrites"/> around every write to a runner's log (POST, PUT, PATCH or DELETE under
/// /runners/{runnerId}): its turn and replay just before the endpoint's first read of the store, its keeping of the
/// answer just before the commit. A write whose endpoint does not answer with <see cref="Written{T}"/> stops the
/// Api at start-up: its answer could not be kept for a retry.
/// </summary>
public sealed class RunnerWritesPolicy : IHttpPolicy
{
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(IsRunnerWrite))
        {
            if (chain.Method.Creates.FirstOrDefault(v => v.VariableType.IsAssignableTo(typeof(IWritten))) is not { } answer)
                throw new InvalidOperationException(
                    $"{chain.RoutePattern?.RawText}: a write to a runner's log must answer with Written<T>, so that its answer can be " +
                        $"kept for a retry.");

            var before = BeforeCall(chain);
            var at = FirstReadOfTheStore(chain);
            chain.Middleware.Insert(at, before);
            if (rules.TryFindContinuationHandler(chain, before, out var stop))
                chain.Middleware.Insert(at + 1, stop!);

            var keep = new MethodCall(typeof(RunnerWrites), nameof(RunnerWrites.Keep));
            keep.Arguments[0] = answer;
            chain.Postprocessors.Insert(0, keep);
        }
    }

    private static bool IsRunnerWrite(HttpChain chain) =>
        chain.HttpMethods.Any(m => WriteMethods.Contains(m, StringComparer.OrdinalIgnoreCase))
        && chain.RoutePattern?.RawText?.StartsWith("/runners/{runnerId}", StringComparison.Ordinal) == true;

    /// <summary>
    /// The erasure request itself takes no refusal while erasing; with a body, the variant that depends on it, so that the
    /// generated code reads the body before the turn.
    /// </summary>
    private static MethodCall BeforeCall(HttpChain chain)
    {
        if (chain.Method.Method.IsDefined(typeof(WhileErasingAttribute)))
            return new MethodCall(typeof(RunnerWrites), nameof(RunnerWrites.BeforeErasingAsync));
        var methods = typeof(RunnerWrites).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == nameof(RunnerWrites.BeforeAsync));
        var method = chain.HasRequestType
            ? methods.Single(m => m.IsGenericMethodDefinition).MakeGenericMethod(chain.RequestType!)
            : methods.Single(m => !m.IsGenericMethodDefinition);
        return new MethodCall(typeof(RunnerWrites), method);
    }

    /// <summary>The first step that reads the store (a load, a check against what is stored); the end of the steps if none does.</summary>
    private static int FirstReadOfTheStore(HttpChain chain)
    {
        for (var i = 0; i < chain.Middleware.Count; i++)
        {
            var readsStore = chain.Middleware[i] is MethodCall call
                ? call.Method.GetParameters().Any(p => p.ParameterType.IsAssignableTo(typeof(IQuerySession)))
                : chain.Middleware[i].GetType().Namespace?.StartsWith("Wolverine.Marten", StringComparison.Ordinal) == true;
            if (readsStore)
                return i;
        }

        return chain.Middleware.Count;
    }
}

/// <summary>A write to a runner's log that may be made while the runner is being erased (every other one is a 409 then).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WhileErasingAttribute : Attribute;
