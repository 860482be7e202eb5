/// Proves, like rustc's tidy does for error codes, that every problem file of
/// `Sources/Catalogue/Problems` is registered once in `Registry.swift` and its id pinned in
/// `pinned-ids.txt`; `kb check` and `CatalogueTests` run it.
///
/// Each finding names the file (and the line of the registry) and says what to do.
public enum ProblemRegistryCheck {
  /// Everything wrong with `sources`, file by file; empty when all is well.
  ///
  /// `catalogueIDs`, the ids of the compiled catalogue in order, must be the registry's, so
  /// that the registry is the one place problems are listed (and the `kb` that runs the check
  /// was built from these sources).
  public static func findings(in sources: ProblemSources, catalogueIDs: [String]? = nil)
    -> [String]
  {
    let registryPath = ProblemSources.registryPath
    guard let registryText = sources.registry else {
      return [
        "\(registryPath): missing; it must list every problem file once, in priority order "
          + "(static let registered: [Problem] = [...])"
      ]
    }
    guard let registry = RegistryList(registryText) else {
      return [
        "\(registryPath): has no list 'static let registered: [Problem] = [' closed by a line "
          + "']'; write one '.name,' per line between them"
      ]
    }
    var findings = registry.strayLines.map { line in
      "\(registryPath):\(line): not an entry; write one '.name,' per line (comments may "
        + "stand on their own lines)"
    }
    let pinned = sources.pinned.map(PinnedIDs.problems(in:))
    if pinned == nil {
      findings.append(
        "\(ProblemSources.pinnedPath): missing; it pins the id of every problem "
          + "('problem <id>' lines)")
    }
    var lines: [String: [Int]] = [:]
    for entry in registry.entries { lines[entry.constant, default: []].append(entry.line) }
    var idOfConstant: [String: String] = [:]
    for name in sources.problemFiles.keys.sorted() {
      let path = ProblemSources.path(of: name)
      let declarations = ProblemDeclaration.all(in: sources.problemFiles[name]!)
      guard declarations.count == 1, let declaration = declarations.first else {
        findings.append(
          declarations.isEmpty
            ? "\(path): declares no problem; \(ProblemSources.problemsFolder) holds one file per "
              + "problem ('static let name = Problem(id: \"<id>\", ...)' in <id>.swift) and "
              + "\(ProblemSources.registryName); move anything else out"
            : "\(path): declares \(declarations.count) problems ("
              + declarations.map(\.constant).joined(separator: ", ")
              + "); give each its own file, named after its id")
        continue
      }
      let constant = declaration.constant
      guard let id = declaration.id else {
        findings.append(
          "\(path): Problem.\(constant) does not start with 'id: \"<id>\"'; give the id first")
        continue
      }
      idOfConstant[constant] = id
      if name != id + ".swift" {
        findings.append(
          "\(path): declares problem \(id); rename the file \(id).swift (one file per problem, "
            + "named after its id)")
      }
      let found = lines[constant, default: []]
      if found.isEmpty {
        findings.append(
          "\(path): problem \(id) is not registered; add '.\(constant),' to Problem.registered "
            + "in \(registryPath), at its place in the priority order (the end unless it must "
            + "win ties); kb new-problem does this for a new problem")
      } else if found.count > 1 {
        findings.append(
          "\(path): problem \(id) is registered \(found.count) times, on lines "
            + found.map(String.init).joined(separator: ", ")
            + " of \(registryPath); keep one '.\(constant),'")
      }
      if let pinned, !pinned.contains(id) {
        findings.append(
          "\(path): problem \(id) is not pinned; add the line 'problem \(id)' to "
            + "\(ProblemSources.pinnedPath) (ids are public: a pinned line is never removed)")
      }
    }
    let declared = Set(
      sources.problemFiles.values.flatMap { ProblemDeclaration.all(in: $0).map(\.constant) })
    for entry in registry.entries where !declared.contains(entry.constant) {
      findings.append(
        "\(registryPath):\(entry.line): .\(entry.constant) is declared by no file of "
          + "\(ProblemSources.problemsFolder); declare it in its own <id>.swift there, or "
          + "remove the entry")
    }
    if let catalogueIDs, findings.isEmpty {
      let registeredIDs = registry.entries.compactMap { idOfConstant[$0.constant] }
      if registeredIDs != catalogueIDs {
        let index = zip(registeredIDs, catalogueIDs).prefix { $0 == $1 }.count
        let registered = index < registeredIDs.count ? registeredIDs[index] : "(the end)"
        let compiled = index < catalogueIDs.count ? catalogueIDs[index] : "(the end)"
        findings.append(
          "\(registryPath): the catalogue's problems are not Problem.registered: at position "
            + "\(index + 1) the registry has \(registered), the catalogue \(compiled); list "
            + "problems only in the registry (Catalogue.applinks takes Problem.registered), "
            + "and rebuild kb if the sources changed since")
      }
    }
    return findings
  }
}
