using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Snakepit.Telemetry.Generators.Emitting;
using Snakepit.Telemetry.Generators.Model;
using Snakepit.Telemetry.Generators.Parsing;

namespace Snakepit.Telemetry.Generators;

/// <summary>The catalogs to generate and the cross-catalog diagnostics, as one value-equatable model.</summary>
internal sealed record GenerationPlan(EquatableArray<CatalogSpec> Catalogs, EquatableArray<DiagnosticInfo> Diagnostics);
