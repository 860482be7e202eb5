import Foundation
import RuleVectors

/// The repository's root folder.
public let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// The corpus of real lines, inside the repository.
public let corpus: [CorpusLine] = {
  let url = repository.appendingPathComponent("Tests/Corpus/real-lines.jsonl")
  guard let data = try? Data(contentsOf: url) else { return [] }
  return (try? CorpusLine.read(jsonLines: data, file: url.path)) ?? []
}()

/// The committed vectors, as every other consumer reads them.
public let publishedVectors: RuleTestVectors? = {
  let url = repository.appendingPathComponent("Site/rules-tests.json")
  guard let data = try? Data(contentsOf: url) else { return nil }
  let decoder = JSONDecoder()
  decoder.keyDecodingStrategy = .convertFromSnakeCase
  return try? decoder.decode(RuleTestVectors.self, from: data)
}()

/// The committed summary vectors (keys written out: read without a key strategy).
public let publishedSummaryVectors: SummaryTestVectors? = {
  let url = repository.appendingPathComponent("Site/summary-tests.json")
  guard let data = try? Data(contentsOf: url) else { return nil }
  return try? JSONDecoder().decode(SummaryTestVectors.self, from: data)
}()
