using System.Diagnostics.CodeAnalysis;
using Klaxon.Common;

namespace Klaxon.Accounts;

/// <summary>Either a valid <see cref="AccountConfig"/> or every problem found in the document, never both.</summary>
public sealed class AccountConfigParseResult
{
    private AccountConfigParseResult(AccountConfig? config, IReadOnlyList<FieldError> errors)
    {
        Config = config;
        Errors = errors;
    }

    /// <summary>The parsed configuration; null when there are errors.</summary>
    public AccountConfig? Config { get; }

    /// <summary>Every error found, roughly in document order; empty when valid.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Config))]
    public bool IsValid => Config is not null;

    internal static AccountConfigParseResult Valid(AccountConfig config) => new(config, []);

    internal static AccountConfigParseResult Invalid(IReadOnlyList<FieldError> errors) => new(null, errors);
}
