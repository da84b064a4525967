<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FingerprintLabel</name>
    <message>
        <location filename="../../ui/fingerprint.py" line="13"/>
        <source>Audit fingerprint: verify with nianbao verify --head HASH --count N</source>
        <translation>审计指纹：可用 nianbao verify --head 哈希 --count 条数 核验</translation>
    </message>
    <message>
        <location filename="../../ui/fingerprint.py" line="20"/>
        <source>Audit fingerprint {0}</source>
        <translation>审计指纹 {0}</translation>
    </message>
</context>
</TS>
