/// The report's inline stylesheet: print-friendly, no web fonts, no network.
enum HTMLStyle {
    static let css = """
    :root { --ink: #1b2631; --muted: #4a5561; --rule: #d0d4da; --band: #f4f6f8; --accent: #0b4f8a;
            --pass: #1a7f37; --fail: #b42318; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--ink); background: #fff;
           font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
    main { max-width: 1120px; margin: 0 auto; padding: 32px 40px 48px; }
    header.report { border-bottom: 3px solid var(--accent); padding-bottom: 16px; margin-bottom: 8px; }
    .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; font-weight: 600;
              color: var(--accent); margin: 0 0 4px; }
    h1 { font-size: 28px; line-height: 1.25; margin: 0 0 8px; }
    h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
    h3 { font-size: 16px; margin: 20px 0 8px; }
    h4 { font-size: 15px; margin: 16px 0 4px; }
    p { margin: 6px 0; }
    .meta { color: var(--muted); margin: 0; }
    .facts { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 20px 0 0; }
    .fact { background: var(--band); border-radius: 6px; padding: 10px 14px; }
    .fact .label { display: block; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
    .fact .value { display: block; font-size: 18px; font-weight: 600; }
    .fact .detail { display: block; font-size: 12px; color: var(--muted); }
    tr.excluded td, tr.refused td { color: var(--muted); }
    .badge.fail { background: #fde8e6; color: var(--fail); }
    table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 14px; }
    th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
    th { background: var(--band); font-weight: 600; font-size: 13px; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    th.num { white-space: normal; }
    th .sub { display: block; font-weight: 400; font-size: 12px; color: var(--muted); white-space: nowrap; }
    table.ranking td:nth-child(3) { min-width: 12em; }
    tr.winner td { font-weight: 600; }
    td.id, td.id a { white-space: nowrap; }
    code, .hash { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
    .hash { word-break: break-all; color: var(--muted); }
    .note { color: var(--muted); font-size: 13px; }
    .pass { color: var(--pass); font-weight: 600; }
    .fail { color: var(--fail); font-weight: 600; }
    .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
             background: var(--band); color: var(--muted); }
    .chart { width: 100%; height: auto; display: block; margin: 8px 0; }
    details.bid { border: 1px solid var(--rule); border-radius: 6px; margin: 12px 0; padding: 0 16px; }
    details.bid > summary { cursor: pointer; padding: 12px 0; font-weight: 600; font-size: 16px; }
    details.bid[open] > summary { border-bottom: 1px solid var(--rule); margin-bottom: 8px; }
    .line { border-left: 3px solid var(--rule); padding: 2px 0 2px 14px; margin: 14px 0; }
    .line h4 { margin-top: 0; }
    .line .points { float: right; font-variant-numeric: tabular-nums; }
    ul.figures { margin: 4px 0; padding-left: 18px; font-size: 14px; }
    ul.figures .src, .src { color: var(--muted); font-size: 13px; }
    ol.steps { margin: 4px 0; padding-left: 22px; font-size: 14px; }
    ol.steps .kind { display: inline-block; min-width: 72px; color: var(--muted); font-size: 12px; text-transform: uppercase; }
    .item { background: var(--band); border-radius: 4px; padding: 6px 12px; margin: 6px 0; }
    .item.skipped { background: #fff4e5; }
    .cap { font-size: 14px; }
    footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 13px; }
    @media (max-width: 760px) {
      main { padding: 20px 16px; }
      .facts { grid-template-columns: repeat(2, 1fr); }
    }
    @media print {
      main { padding: 0; max-width: none; }
      details.bid { break-inside: avoid-page; }
      h2 { break-after: avoid; }
      .facts { grid-template-columns: repeat(4, 1fr); }
    }
    """
}
