import Catalogue
import Foundation
import KnowledgeBase
import LogRules
import LogScanning
import RuleMatching

// libFuzzer target for the rule-set loader (`lookup --rules FILE`).
//
// The input is a would-be `rules.json`. The loader must refuse it with a `RuleSetError` or
// accept it; an accepted rule set must compile or be refused with a `RuleSetError`, then match
// the catalogue's example lines and scan a stream without crashing, and export to JSON that
// loads back to the same rule set.

/// Lines every accepted rule set is applied to: the catalogue's examples.
let sampleLines: [String] = Catalogue.applinks.problems.flatMap(\.examples)
let sampleText = sampleLines.joined(separator: "\n")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let json = data.map { Data(bytes: $0, count: size) } ?? Data()
  let ruleSet: RuleSet
  do { ruleSet = try RuleSet(jsonData: json) } catch {
    check(!error.description.isEmpty, "a refusal without a message")
    return 0
  }
  let matcher: RuleMatcher
  do { matcher = try RuleMatcher(ruleSet) } catch {
    check(!error.description.isEmpty, "a refusal without a message")
    return 0
  }
  for line in sampleLines { _ = matcher.match(line: line, source: "atlassian-jira.log") }
  let scanner = LogScanner(matcher: matcher, maxLineBytes: 64, blockBytes: 13)
  do {
    _ = try scanner.scan(text: sampleText, source: "fuzz.log") { _ in }
  } catch {
    fatalError("a scan over memory threw: \(error)")
  }
  do {
    let again = try RuleSet(jsonData: try ruleSet.jsonData())
    check(again == ruleSet, "an accepted rule set does not survive export and import")
  } catch {
    fatalError("an accepted rule set, exported, is refused: \(error)")
  }
  return 0
}

/// Stops with `message` when `condition` fails. Unlike `precondition`, whose message an optimized
/// build drops, the message reaches the fuzzer's log.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError(message()) }
}
