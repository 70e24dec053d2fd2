"""The buyer's toolkit: the tender risk screen, the labour-cost floor check, the clause builder and
the site-visit checklist. Their rules, rates, clauses and checklist items are data in the data
package (``data/toolkit_*.csv``); this group only reads, checks and draws them.

- ``model``: what a rule, measure, rate, clause and checklist item are, and the risk screen's
  scoring (the browser runtime ``static/tools-risk.js`` plays the same rules).
- ``load``: read the files through the data package's reader, then the checks the table schema
  cannot express (a rule's value fits its question, levels rise, a label exists...).
- ``render``: each tool's HTML, with its data as a JSON island, for the Sphinx directive.
"""
