"""Researcher interop: REFI-QDA export and import, agreement between coders, coding queues.

Researchers code in NVivo, ATLAS.ti, MAXQDA or QualCoder. `qdpx` writes the store's coding
as a REFI-QDA project, `qdpx_import` reads a researcher's project back as codings by a
named coder (`refi` holds what both share); `codings` keeps those in the store;
`agreement` compares coders, the machine among them; `suggest` lists the passages whose
machine coding is least certain.
"""
