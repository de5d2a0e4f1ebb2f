"""An amendment instrument (修改决定) as data and as text: the ground floor that the
amendment engine (``compare.amend``), the store and the reports share.

- ``model``: ``Decision``, ``Instruction``, ``Target``, ``WordingCheck`` (plain values).
- ``numbering``: addresses (第X条第Y款第Z项) read and written.
- ``headings``: 编/章/节 headings of a text and their keys.
- ``render``: a decision's Chinese or English wording (``decision_text``).
- ``drafts``: a drafted decision as reviewable items (``Draft``, ``DraftItem``).
- ``messages``: the error messages of amendment instruments.
"""
