import LogRules
import Reporting

/// Writes a probe's report for a person: one line per check with its evidence beneath, then
/// each problem found explained as `lookup` explains it.
public struct ProbeTextWriter: Sendable {
  /// The printer the problems found are explained with, as `lookup` explains them.
  public var printer: TextPrinter

  /// A writer explaining problems with `printer`.
  public init(printer: TextPrinter) { self.printer = printer }

  /// Writes `report` for a person: the checks of each end and of the link, the servers' own
  /// views, then the problems found.
  public func write(_ report: ProbeReport, to out: inout some TextOutputStream) {
    var text = "Probed from \(report.ranFrom) at \(report.started) (\(report.milliseconds) ms); "
    text += "a server may see its remote differently from here.\n"
    for end in report.ends {
      text += "\n\(TerminalText.escaped(end.url))\n"
      for check in end.checks { text += lines(check) }
    }
    if let link = report.link {
      text += "\nBetween the two ends\n"
      for check in link { text += lines(check) }
    }
    if let views = report.serverViews, !views.isEmpty {
      text += "\nThe servers' own status checks\n"
      for view in views {
        let verdict =
          view.working == true
          ? "working" : view.errorType.map { "\(view.errorCategory ?? "?") \($0)" } ?? "unknown"
        let problem = view.problem.map { " [\($0)]" } ?? ""
        text +=
          "  \(TerminalText.escaped(view.end)) → \(TerminalText.escaped(view.displayUrl ?? view.linkId)): \(verdict)\(problem)\n"
        if let saw = view.probeSaw {
          text +=
            "        the probe saw: \(saw.isEmpty ? "nothing wrong" : saw.joined(separator: ", "))\n"
        }
        if let note = view.note { text += "        \(note)\n" }
      }
    }
    text += "\n"
    if report.problems.isEmpty {
      text += "Nothing wrong found.\n"
    } else {
      let noun = report.problems.count == 1 ? "problem" : "problems"
      text += "\(report.problems.count) \(noun) found: "
      text += report.problems.map(\.problem).joined(separator: ", ") + "\n"
    }
    out.write(text)
    for problem in report.problems {
      guard let info = printer.ruleSet.problem(problem.problem) else { continue }
      out.write("\n" + String(repeating: "─", count: 60) + "\n\n")
      printer.write(problem: info, to: &out)
    }
  }

  private func lines(_ check: ProbeCheck) -> String {
    let label =
      switch check.status {
      case .passed: "ok  "
      case .failed: "FAIL"
      case .skipped: "skip"
      case .info: "info"
      }
    let name =
      check.check.count >= 14
      ? check.check : check.check + String(repeating: " ", count: 14 - check.check.count)
    let problems = check.problems.isEmpty ? "" : "  [\(check.problems.joined(separator: ", "))]"
    var text = "  \(label)  \(name) \(TerminalText.escaped(check.summary))\(problems)\n"
    for line in check.evidence { text += "        \(TerminalText.escaped(line))\n" }
    return text
  }
}
