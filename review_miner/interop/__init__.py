"""Researcher interop: REFI-QDA export and import, agreement between coders, coding queues.

Researchers code in NVivo, ATLAS.ti, MAXQDA or QualCoder. `qdpx` writes the store's coding
as a REFI-QDA project and reads a researcher's project back as codings by a named coder;
`codings` keeps those in the store; `agreement` compares coders, the machine among them;
`suggest` lists the passages whose machine coding is least certain.
"""
