using System.Xml.Linq;
using Klaxon.Incidents;
using Klaxon.Tests.Infra;

namespace Klaxon.Tests.Architecture;

/// <summary>
/// Klaxon.Core is the domain: plain C# on the base class library. These keep it that way, so the state machine,
/// schedules, escalation and message formats never learn about storage, HTTP or the Functions host.
/// </summary>
public sealed class CoreBoundaryTests
{
    private static readonly string[] Forbidden = ["Azure", "Microsoft.Azure", "Microsoft.AspNetCore", "Microsoft.Extensions", "Twilio", "SendGrid", "Lib.Net"];

    [Fact]
    public void The_core_project_references_no_package_framework_or_project()
    {
        var project = XDocument.Load(RepoPaths.File("Core", "Core.csproj"));

        var references = project.Descendants()
            .Where(element => element.Name.LocalName is "PackageReference" or "FrameworkReference" or "ProjectReference" or "Reference")
            .Select(element => element.ToString());

        Assert.Empty(references);
    }

    [Fact]
    public void The_built_core_assembly_references_only_the_base_class_library()
    {
        var referenced = typeof(AlertKeyMachine).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();

        Assert.Equal("Klaxon.Core", typeof(AlertKeyMachine).Assembly.GetName().Name);
        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"Klaxon.Core references {name}."));
    }

    [Fact]
    public void No_core_source_file_names_an_azure_aspnetcore_functions_or_provider_namespace()
    {
        var offending = SourceDependencies.SourceFiles("Core")
            .SelectMany(path => SourceDependencies.NamespacesUsed(File.ReadAllText(path))
                .Where(IsForbidden)
                .Select(name => $"{Path.GetRelativePath(RepoPaths.Root, path)}: {name}"))
            .ToList();

        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("using Azure.Data.Tables;", "Azure.Data.Tables")]
    [InlineData("using Microsoft.AspNetCore.Http;", "Microsoft.AspNetCore.Http")]
    [InlineData("using Microsoft.Azure.Functions.Worker;", "Microsoft.Azure.Functions.Worker")]
    [InlineData("public sealed class X(Azure.Data.Tables.TableClient table);", "Azure.Data.Tables.TableClient")]
    [InlineData("global using static Microsoft.Extensions.Options.Options;", "Microsoft.Extensions.Options.Options")]
    public void The_source_check_finds_a_forbidden_namespace_however_it_is_written(string line, string expected)
    {
        var found = SourceDependencies.NamespacesUsed(line).Where(IsForbidden).ToList();

        Assert.Contains(expected, found);
    }

    [Fact]
    public void The_source_check_ignores_the_base_class_library_and_klaxon_itself()
    {
        var found = SourceDependencies.NamespacesUsed("using System.Text.Json;\nusing Klaxon.Common;\nvar x = System.Globalization.CultureInfo.InvariantCulture;")
            .Where(IsForbidden);

        Assert.Empty(found);
    }

    private static bool IsForbidden(string name) =>
        Forbidden.Any(prefix => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal));
}
